using AlignDsl.Generators.Model;
using AlignDsl.Rules;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// A JSONL file declared with a shape must be one its objective reads: SFT demonstrations, KTO feedback (or pairs,
/// which it splits), every other objective pairs. k-wise rankings and annotated pairs are read as pairs. Gym data
/// always comes in the shape the objective needs.
/// </summary>
internal static class DataShapeRules
{
    public static void Check(ObjectiveModel objective, DataModel data, string experiment, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        // An online objective (PPO) samples its own answers: it reads the prompt of every line, whatever else the line holds.
        if (objective.Entry.SamplesAnswers && data.Kind != DataKindModel.Constitution) return;
        if (objective.Entry.SamplesAnswers)
        {
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.DataShapeMismatch, location, experiment, objective.Entry.Display, Describe("Prompts"), "labelled constitutional data"));
            return;
        }
        if (data.Kind != DataKindModel.Jsonl || data.Shape == "FromObjective") return;
        var needed = objective.Entry.Data.ToString();
        if (data.Shape == needed || (needed == "Pairs" && IsPairSource(data.Shape))) return;
        // KTO splits a pair into a desirable and an undesirable answer. Not a ranking: its middle answers would be both.
        if (objective.Entry.Data == DataShape.Feedback && data.Shape is "Pairs" or "Annotated")
        {
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.KtoSplitsPairs, location, experiment));
            return;
        }
        diagnostics.Add(DiagnosticInfo.Create(RuleBook.DataShapeMismatch, location, experiment, objective.Entry.Display, Describe(needed), Describe(data.Shape)));
    }

    /// <summary>Shapes whose lines become preference pairs: pairs, k-wise rankings (expanded), annotated pairs (majority vote).</summary>
    private static bool IsPairSource(string shape) => shape is "Pairs" or "Rankings" or "Annotated";

    private static string Describe(string shape) => shape switch
    {
        "Demonstrations" => "demonstrations {prompt, completion}",
        "Feedback" => "unpaired feedback {prompt, completion, label}",
        "Prompts" => "prompts {prompt}",
        "Rankings" => "k-wise rankings {prompt, responses, ranking}",
        "Annotated" => "annotated pairs {prompt, a, b, labels}",
        _ => "preference pairs {prompt, chosen, rejected}",
    };
}
