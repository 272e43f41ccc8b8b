using AlignDsl.Generators.Model;
using AlignDsl.Rules;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// A JSONL file declared with a shape must be one its objective reads: SFT demonstrations, KTO feedback (or pairs,
/// which it splits), every other objective pairs. Gym data always comes in the shape the objective needs.
/// </summary>
internal static class DataShapeRules
{
    public static void Check(ObjectiveModel objective, DataModel data, string experiment, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        if (data.Kind != DataKindModel.Jsonl || data.Shape == "FromObjective") return;
        var needed = Needs(objective.Kind);
        if (data.Shape == needed) return;
        if (objective.Kind == ObjectiveKindModel.Kto && data.Shape == "Pairs")
        {
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.KtoSplitsPairs, location, experiment));
            return;
        }
        diagnostics.Add(DiagnosticInfo.Create(RuleBook.DataShapeMismatch, location, experiment, objective.Kind.ToString().ToUpperInvariant(), Describe(needed), Describe(data.Shape)));
    }

    private static string Needs(ObjectiveKindModel kind) => kind switch
    {
        ObjectiveKindModel.Sft => "Demonstrations",
        ObjectiveKindModel.Kto => "Feedback",
        _ => "Pairs",
    };

    private static string Describe(string shape) => shape switch
    {
        "Demonstrations" => "demonstrations {prompt, completion}",
        "Feedback" => "unpaired feedback {prompt, completion, label}",
        _ => "preference pairs {prompt, chosen, rejected}",
    };
}
