using ScottPlot;

namespace AlignDsl.Reports;

/// <summary>
/// <c>training.png</c>: one panel per group of training metrics the objective logs (loss, chosen and rejected rewards,
/// margin, reward accuracy, ORPO's log-odds, KTO's KL estimate, gradient norm); a group the run did not log is left
/// out, so an SFT run shows its loss, perplexity and gradient norm only.
/// </summary>
internal static class TrainingPlot
{
    public const string FileName = "training.png";

    private static readonly (string Title, string[] Metrics, bool Rate)[] Groups =
    [
        ("Loss", ["loss", "nll_loss"], false),
        ("Perplexity", ["perplexity"], false),
        ("Rewards", ["rewards/chosen", "rewards/rejected"], false),
        ("Reward margin", ["rewards/margins"], false),
        ("Reward accuracy", ["rewards/accuracies"], true),
        ("Log-odds (ORPO)", ["log_odds_ratio", "log_odds_chosen"], false),
        ("KL estimate (KTO)", ["kl"], false),
        ("PPO reward", ["objective/scores", "objective/rlhf_reward"], false),
        ("PPO KL to the reference", ["objective/kl"], false),
        ("PPO losses", ["loss/policy_avg", "loss/value_avg"], false),
        ("PPO clipped fraction", ["policy/clipfrac_avg", "val/clipfrac_avg"], true),
        ("Gradient norm", ["grad_norm"], false),
    ];

    public static IReadOnlyList<Plot> Panels(TrainingHistory history) =>
        Groups.Where(g => g.Metrics.Any(history.Has)).Select(g => Panel(g.Title, g.Metrics.Where(history.Has).ToList(), g.Rate, history)).ToList();

    private static Plot Panel(string title, IReadOnlyList<string> metrics, bool rate, TrainingHistory history)
    {
        var plot = Chart.Panel(title, "step", metrics.Count == 1 ? metrics[0] : "value");
        foreach (var metric in metrics) Chart.Line(plot, metric, history.Series(metric));
        if (rate) plot.Axes.SetLimitsY(-0.02, 1.02);
        return plot;
    }
}
