using System.Collections.Immutable;
using AlignDsl.Generators.Model;
using AlignDsl.Rules;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// The checks that need every experiment of the compilation: unique names (also by case), InitFrom chains without
/// cycles, reward models that can score the policy, declared data files among the project's, and members the
/// generated part does not declare again.
/// Also gives each InitFrom policy the size of the experiment its chain starts from, and a pretrained policy the size its
/// config.json gives, for the memory estimate.
/// </summary>
internal static class ExperimentSet
{
    public static ImmutableArray<ExperimentModel> Resolve(ImmutableArray<ExperimentModel?> parsed, double assemblyBudgetGiB, EquatableArray<string> dataFiles,
        EquatableArray<ConfigFileModel> configFiles, CancellationToken cancellationToken)
    {
        var declared = parsed.Where(e => e is not null).Select(e => e!).ToList();
        // A sweep's declaration is no experiment itself: its members are (it stays in the result, for its own generated part).
        // By class, the first of a class declared twice (the compiler reports that).
        var sweeps = declared.Where(e => e.Sweep is not null).GroupBy(e => e.FullName).ToDictionary(g => g.Key, g => GeneratedMemberRule.CheckSweep(g.First()));
        var experiments = declared.Where(e => e.Sweep is null).Concat(sweeps.Values.SelectMany(SweepExpansion.Members))
            .OrderBy(e => e.FullName, StringComparer.Ordinal).ToList();
        var byClass = experiments.GroupBy(e => e.FullName).ToDictionary(g => g.Key, g => g.First());
        var result = ImmutableArray.CreateBuilder<ExperimentModel>(experiments.Count + sweeps.Count);
        result.AddRange(sweeps.Values.OrderBy(e => e.FullName, StringComparer.Ordinal));
        foreach (var experiment in experiments)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var added = new List<DiagnosticInfo>();
            var twin = experiments.FirstOrDefault(e => e != experiment && e.Name == experiment.Name);
            if (twin is not null && experiment.Point is { } point)
                added.Add(DiagnosticInfo.Create(RuleBook.SweepNameCollides, point.ValueLocation, point.Sweep, experiment.Name, point.Setting, point.Value, twin.FullName));
            else if (twin is not null)
                added.Add(DiagnosticInfo.Create(RuleBook.DuplicateExperimentName, experiment.Location, experiment.Name, twin.FullName));
            else if (experiments.FirstOrDefault(e => e != experiment && string.Equals(e.Name, experiment.Name, StringComparison.OrdinalIgnoreCase)) is { } caseTwin)
                added.Add(DiagnosticInfo.Create(RuleBook.NamesDifferOnlyByCase, experiment.Location, experiment.Name, caseTwin.Name, caseTwin.FullName));
            added.AddRange(DependencyRules.Check(experiment, byClass));
            added.AddRange(SweepReferences(experiment, sweeps));
            added.AddRange(DataFileRule.Check(experiment, dataFiles));

            var policy = experiment.Policy;
            if (policy.InitFromClass is { } direct && byClass.TryGetValue(direct, out var start) && start.Objective is { TrainsPolicy: false })
                added.Add(DiagnosticInfo.Create(RuleBook.InitFromNotPolicy, policy.InitFromLocation, start.FullName, experiment.Name));
            if (experiment.Reward?.Model is { ExperimentClass: { } rewardClass } reward && byClass.TryGetValue(rewardClass, out var rewardExperiment))
            {
                if (rewardExperiment.Objective is { Kind: not ObjectiveKind.RewardModel })
                    added.Add(DiagnosticInfo.Create(RuleBook.NotARewardSource, reward.Location, rewardExperiment.FullName));
                // The policy will exploit whatever the reward model gets wrong: say so where it is optimised against, too.
                else if (!rewardExperiment.EvalSuites.Any(s => s.TypeName == "global::" + KnownTypes.RewardModelBias))
                    added.Add(DiagnosticInfo.Create(RuleBook.RewardModelWithoutBiasCheck, reward.Location, rewardExperiment.Name));
            }
            var chain = new List<string> { experiment.Name };
            var current = experiment;
            while (current.Policy.InitFromClass is { } parentClass && byClass.TryGetValue(parentClass, out var parent))
            {
                chain.Add(parent.Name);
                if (parent.FullName == experiment.FullName)
                {
                    added.Add(DiagnosticInfo.Create(RuleBook.InitFromCycle, experiment.Policy.InitFromLocation, experiment.Name, string.Join(" → ", chain)));
                    break;
                }
                if (chain.Count > experiments.Count + 1) break; // a cycle that does not pass through this experiment
                current = parent;
            }
            if (current != experiment)
            {
                policy = policy with
                {
                    Layers = current.Policy.Layers, ModelDim = current.Policy.ModelDim, Heads = current.Policy.Heads, Context = current.Policy.Context,
                    InheritedPretrained = current.Policy.Pretrained,
                };
                // A pretrained model's context is in its config.json, unknown here.
                if (current.Policy.Pretrained is null)
                    foreach (var v in SettingRules.CheckSequenceFits(experiment.Training.MaxLength, policy.Context))
                        added.Add(DiagnosticInfo.From(v, experiment.Training.MaxLengthLocation));
            }
            if (current.Policy.Pretrained is null) added.AddRange(PretrainedRules.CheckTinyGptTargets(experiment.Lora));

            // A pretrained folder is declared where the chain starts (or on this experiment); its config.json gives the real size.
            var shape = PretrainedRule.Check(experiment, experiment.Policy.Pretrained is null ? current.Policy : experiment.Policy, configFiles, added);
            if (BudgetRule.Check(experiment with { Policy = policy, PretrainedShape = shape }, assemblyBudgetGiB) is { } overBudget) added.Add(overBudget);

            var resolved = added.Count == 0 && policy == experiment.Policy && shape is null ? experiment : experiment with
            {
                Policy = policy,
                PretrainedShape = shape,
                Diagnostics = experiment.Diagnostics.Concat(added).ToEquatableArray(),
                CanEmit = experiment.CanEmit && added.All(d => ExperimentParser.Severity(d) != RuleSeverity.Error),
            };
            // Last, on the model as it will be emitted: what the generated part declares depends on all of the above.
            if (resolved.CanEmit && GeneratedMemberRule.Check(resolved).ToList() is { Count: > 0 } collisions)
                resolved = resolved with { Diagnostics = resolved.Diagnostics.Concat(collisions).ToEquatableArray(), CanEmit = false };
            result.Add(resolved);
        }
        return result.ToImmutable();
    }

    /// <summary>ALIGN093: InitFrom or RewardFrom naming a sweep, which is several experiments, not one to load.</summary>
    private static IEnumerable<DiagnosticInfo> SweepReferences(ExperimentModel experiment, IReadOnlyDictionary<string, ExperimentModel> sweeps)
    {
        if (experiment.Policy.InitFromClass is { } from && sweeps.TryGetValue(from, out var start))
            yield return DiagnosticInfo.Create(RuleBook.SweepNotAnExperiment, experiment.Policy.InitFromLocation, "InitFrom", start.Name, start.Sweep!.Values.Count);
        if (experiment.Reward?.Model is { ExperimentClass: { } rewardClass } reward && sweeps.TryGetValue(rewardClass, out var rewarder))
            yield return DiagnosticInfo.Create(RuleBook.SweepNotAnExperiment, reward.Location, "RewardFrom", rewarder.Name, rewarder.Sweep!.Values.Count);
    }
}
