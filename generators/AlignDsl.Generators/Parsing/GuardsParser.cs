using AlignDsl.Declarations;
using AlignDsl.Generators.Model;
using AlignDsl.Rules;
using Microsoft.CodeAnalysis;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// <c>[Guards]</c>: PPO's failure-mode guards are on for every PPO experiment, with the declared bounds or the defaults.
/// Checks each bound's range (ALIGN070), that the run makes enough metric reads for the window (ALIGN071) and evaluations
/// for the judge comparison (ALIGN072), and warns when another objective declares them (ALIGN069; GRPO and RLOO,
/// which the guards do not watch yet, ALIGN081).
/// </summary>
internal static class GuardsParser
{
    public static GuardsModel? Parse(ISettingReader? reader, ObjectiveModel? objective, TrainingModel training, EquatableArray<SuiteModel> suites,
        string name, List<DiagnosticInfo> diagnostics)
    {
        if (objective is { Entry.SamplesAnswers: false })
        {
            if (reader is not null)
                diagnostics.Add(DiagnosticInfo.Create(RuleBook.GuardsWithoutRollouts, reader.Location, name, objective.Entry.Display, RewardParser.OnlineObjectives));
            return null;
        }
        if (objective is { Entry.WithoutGuards: true })
        {
            if (reader is not null)
                diagnostics.Add(DiagnosticInfo.Create(RuleBook.GuardsNotWatching, reader.Location, name, objective.Entry.Display));
            return null;
        }
        if (objective is null) return null;
        T Get<T>(string setting, T fallback) => reader is null ? fallback : reader.Named(setting, fallback);
        var guards = new GuardsModel(Get("MaxKl", Defaults.GuardMaxKl), Get("KlGrowthFactor", Defaults.GuardKlGrowthFactor), Get("Window", Defaults.GuardWindow),
            Get("MinEntropy", Defaults.GuardMinEntropy), Get("MinDistinctRatio", Defaults.GuardMinDistinctRatio), Get("MaxLengthGrowth", Defaults.GuardMaxLengthGrowth),
            Get("MaxJudgeDrop", Defaults.GuardMaxJudgeDrop),
            reader?.Setting("Action") is { Type: INamedTypeSymbol actionType, Value: { } action }
                ? actionType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, action))?.Name ?? nameof(GuardAction.Warn)
                : Defaults.GuardAction.ToString());
        if (reader is null || guards.Action == nameof(GuardAction.Off)) return guards;

        var violations = SettingRules.CheckGuards(guards.MaxKl, guards.KlGrowthFactor, guards.Window, guards.MinEntropy, guards.MinDistinctRatio,
            guards.MaxLengthGrowth, guards.MaxJudgeDrop).ToList();
        if (violations.Count == 0) violations.AddRange(SettingRules.CheckGuardWindow(guards.Window, training.Steps, training.LogEvery));
        foreach (var v in violations) diagnostics.Add(DiagnosticInfo.From(v, reader.LocationOf(v.Setting)));
        // The judge comparison needs two evaluations inside the loop (the guards see "before" and each EvalEvery point).
        var judged = suites.Any(s => s.ShortName is "WinRate" or "PreferenceAccuracy");
        var problem = !judged ? "no WinRate or PreferenceAccuracy suite is declared"
            : training.EvalEvery == 0 || training.EvalEvery >= training.Steps ? "EvalEvery is 0 or not below Steps, so the only evaluations are before and after training"
            : null;
        if (problem is not null && guards.MaxJudgeDrop < 1)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.GuardJudgeCheckCannotRun, reader.Location, name, problem));
        return guards;
    }
}
