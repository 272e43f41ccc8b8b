using System.Globalization;
using AlignDsl.Catalogue;
using AlignDsl.Generators.Model;
using AlignDsl.Rules;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// ALIGN024: the estimated training memory of an experiment (its resident models in the declared precision, with LoRA
/// where declared, and a step's activations) against its budget (its own [Budget], else the assembly's). A pretrained
/// policy counts at the size its config.json gives, where the project gives that file. The message gives the estimate
/// per term and the objectives that would fit.
/// </summary>
internal static class BudgetRule
{
    private const double GiB = 1024.0 * 1024 * 1024;

    public static DiagnosticInfo? Check(ExperimentModel experiment, double assemblyBudgetGiB)
    {
        var budget = experiment.BudgetGiB > 0 ? experiment.BudgetGiB : assemblyBudgetGiB;
        if (!(budget > 0) || experiment.Objective is not { } objective) return null;
        var terms = Terms(experiment, objective.Entry, objective.PrecomputeReference, experiment.NeedsBaseline, experiment.Reward is not { IsModel: false });
        var total = terms.Sum(t => t.Bytes);
        if (total <= budget * GiB) return null;

        var perTerm = string.Join(", ", terms.Select(t => $"{t.Name} {Size(t.Bytes)}"));
        var fitting = Alternatives(experiment).Where(a => a.Bytes <= budget * GiB).Select(a => a.Name).ToList();
        var advice = fitting.Count == 0
            ? "no objective fits a model this size: shrink [Policy] (Layers, ModelDim), train in Precision.Bf16 with [Lora], or raise the budget"
            : "objectives that would fit: " + string.Join(", ", fitting);
        return DiagnosticInfo.Create(RuleBook.OverMemoryBudget, experiment.BudgetLocation ?? experiment.Location,
            experiment.Name, Size(total), perTerm, budget.ToString("0.###", CultureInfo.InvariantCulture), advice);
    }

    /// <summary>
    /// Every objective of the catalogue on this model, live and with precomputed reference log-probs where it can, cheapest
    /// first; objectives that would need the same memory are named together (DPO/IPO/KTO).
    /// </summary>
    private static IEnumerable<(string Name, long Bytes)> Alternatives(ExperimentModel experiment) =>
        ObjectiveCatalogue.All
            .SelectMany(e => e.Reference == ReferenceUse.Frozen ? new[] { (Entry: e, Precompute: false), (Entry: e, Precompute: true) } : [(e, false)])
            .Select(a => (a.Entry, a.Precompute, Bytes: Terms(experiment, a.Entry, a.Precompute, false, true).Sum(t => t.Bytes)))
            .GroupBy(a => (a.Bytes, a.Precompute))
            .Select(g => (Name: string.Join("/", g.Select(a => a.Entry.TrainsPolicy ? a.Entry.Display : "a " + a.Entry.Display))
                + (g.Key.Precompute ? " with PrecomputeReferenceLogProbs" : ""), g.Key.Bytes))
            .OrderBy(a => a.Bytes).ThenBy(a => a.Name.EndsWith(" with PrecomputeReferenceLogProbs", StringComparison.Ordinal));

    /// <summary>Each resident model, then the step's activations: what the estimate adds up.</summary>
    internal static List<(string Name, long Bytes)> Terms(ExperimentModel experiment, ObjectiveEntry objective, bool precompute, bool baseline, bool rewardModel)
    {
        var p = experiment.Policy;
        var precision = PrecisionOf(experiment.Training);
        var shape = experiment.PretrainedShape;
        var gym = ArchitectureShape.Gym(p.Layers, p.ModelDim, p.Context);
        long parameters = shape?.Parameters ?? gym.Parameters, width = shape?.Width ?? gym.Width;
        var adapters = AdapterParameters(experiment);
        // β is the experiment's own only for its own objective; another objective is costed with its reference.
        var betaIsZero = experiment.Objective is { } own && own.Entry == objective && objective.Beta is { } beta && own[beta.Name] == 0;
        var options = new ResidentOptions(precompute, experiment.Lora is not null, rewardModel, betaIsZero);
        var resident = MemoryEstimate.ResidentSet(objective, options, parameters, (int)width, baseline, precision, adapters);
        // PPO's update trains on a mini-batch of the rollout's answers; an alternative objective is estimated at its defaults.
        double Setting(string name) => experiment.Objective is { } declared && declared.Kind == objective.Kind ? declared[name] : objective.Setting(name)?.Default ?? 1;
        var examples = (int)Math.Ceiling(experiment.Training.BatchSize * objective.ExamplesPerUpdate(Setting));
        var activations = ActivationEstimate.Bytes(objective, precompute, examples, experiment.Training.MaxLength,
            shape?.Layers ?? gym.Layers, width, shape?.Inner ?? gym.Inner, shape?.Vocabulary ?? gym.Vocabulary, precision,
            experiment.Training.GradientCheckpointing, llama: shape is not null && shape.Architecture != "GPT2LMHeadModel");
        return [.. resident.Select(m => (m.Role, m.Bytes)), ("activations", activations)];
    }

    internal static Precision PrecisionOf(TrainingModel training) => training.Precision == nameof(Precision.Bf16) ? Precision.Bf16 : Precision.Fp32;

    /// <summary>LoRA's trained parameters: on the pretrained model its config.json describes, else on the tiny GPT (GPT-2's projection names; targets it lacks add nothing).</summary>
    internal static long AdapterParameters(ExperimentModel experiment)
    {
        if (experiment.PretrainedShape is { } shape) return shape.AdapterParameters;
        if (experiment.Lora is not { Rank: > 0 } lora) return 0;
        var p = experiment.Policy;
        return ArchitectureShape.Gym(p.Layers, p.ModelDim, p.Context).LoraParameters(lora.Rank, lora.Targets.Split(',').Select(t => t.Trim()));
    }

    private static string Size(long bytes) => bytes >= GiB
        ? (bytes / GiB).ToString("0.00", CultureInfo.InvariantCulture) + " GiB"
        : (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
}
