using System.Globalization;
using AlignDsl.Generators.Model;
using AlignDsl.Rules;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// ALIGN024: the estimated training memory of an experiment's resident models against its budget (its own
/// [Budget], else the assembly's). The message gives the estimate per model and the objectives that would fit.
/// </summary>
internal static class BudgetRule
{
    private const double GiB = 1024.0 * 1024 * 1024;

    private static readonly (string Name, string Objective, bool Precompute)[] Alternatives =
    [
        ("SFT", "Sft", false), ("SimPO", "SimPo", false), ("ORPO", "Orpo", false), ("a reward model", "RewardModel", false),
        ("DPO/IPO/KTO with PrecomputeReferenceLogProbs", "Dpo", true), ("DPO/IPO/KTO", "Dpo", false), ("PPO", "Ppo", false),
    ];

    public static DiagnosticInfo? Check(ExperimentModel experiment, double assemblyBudgetGiB)
    {
        var budget = experiment.BudgetGiB > 0 ? experiment.BudgetGiB : assemblyBudgetGiB;
        if (!(budget > 0) || experiment.Objective is not { } objective) return null;
        var p = experiment.Policy;
        var parameters = MemoryEstimate.Parameters(p.Layers, p.ModelDim, p.Context);
        var resident = MemoryEstimate.ResidentSet(objective.Kind.ToString(), objective.PrecomputeReference, parameters, p.ModelDim, experiment.NeedsBaseline,
            rewardModel: experiment.Reward is not { IsModel: false });
        var total = resident.Sum(m => m.Bytes);
        if (total <= budget * GiB) return null;

        var perModel = string.Join(", ", resident.Select(m => $"{m.Role} {Size(m.Bytes)}"));
        var fitting = Alternatives
            .Where(a => MemoryEstimate.ResidentSet(a.Objective, a.Precompute, parameters, p.ModelDim).Sum(m => m.Bytes) <= budget * GiB)
            .Select(a => a.Name).ToList();
        var advice = fitting.Count == 0
            ? "no objective fits a model this size: shrink [Policy] (Layers, ModelDim) or raise the budget"
            : "objectives that would fit: " + string.Join(", ", fitting);
        return DiagnosticInfo.Create(RuleBook.OverMemoryBudget, experiment.BudgetLocation ?? experiment.Location,
            experiment.Name, Size(total), perModel, budget.ToString("0.###", CultureInfo.InvariantCulture), advice);
    }

    private static string Size(long bytes) => bytes >= GiB
        ? (bytes / GiB).ToString("0.00", CultureInfo.InvariantCulture) + " GiB"
        : (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
}
