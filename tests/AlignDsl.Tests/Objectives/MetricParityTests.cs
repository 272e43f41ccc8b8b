using AlignDsl.Models;
using AlignDsl.Objectives;
using AlignDsl.Reporting;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Objectives;

/// <summary>
/// The logged figures follow TRL's conventions: IPO, SimPO and ORPO report log-probs per token (and IPO its rewards), so
/// IPO's reward accuracy agrees with its own loss; KTO reports rewards/margins and pools its figures over the logging
/// window by row counts; the reward model adds RewardTrainer's
/// accuracy, margin and min/mean/max reward.
/// </summary>
public sealed class MetricParityTests
{
    private static Tensor T(params float[] values) => tensor(values);

    private static Dictionary<string, double> Figures(IObjectiveOutput output) =>
        output.Metrics().ToDictionary(m => m.Name, m => (double)m.Value.item<float>());

    [Fact]
    public void Ipo_rewards_and_log_probs_are_per_token_so_its_accuracy_agrees_with_its_loss()
    {
        // Summed, the chosen log-ratio (+2 over 40 tokens) beats the rejected (+1 over 2 tokens); per token it loses
        // (0.05 < 0.5), which is what IPO's loss sees. The accuracy must say the pair is ranked wrong.
        var output = Dpo.Ipo(new SequenceLogProbs(T(-18), T(40)), new SequenceLogProbs(T(-3), T(2)),
            new SequenceLogProbs(T(-20), T(40)), new SequenceLogProbs(T(-4), T(2)), beta: 0.1);
        var figures = Figures(output);

        Assert.Equal(0.0, figures["rewards/accuracies"], 5);
        Assert.Equal(0.1 * 2 / 40, figures["rewards/chosen"], 5);
        Assert.Equal(0.1 * 1 / 2, figures["rewards/rejected"], 5);
        Assert.Equal(-18.0 / 40, figures["logps/chosen"], 5);
        Assert.Equal(-3.0 / 2, figures["logps/rejected"], 5);
    }

    [Fact]
    public void SimPo_and_Orpo_report_log_probs_per_token()
    {
        var chosen = new SequenceLogProbs(T(-4), T(8));
        var rejected = new SequenceLogProbs(T(-6), T(3));
        foreach (var figures in new[] { Figures(SimPo.Loss(chosen, rejected, 2, 0.5)), Figures(Orpo.Loss(chosen, rejected, 0.1)) })
        {
            Assert.Equal(-0.5, figures["logps/chosen"], 5);
            Assert.Equal(-2.0, figures["logps/rejected"], 5);
        }
    }

    [Fact]
    public void Kto_reports_the_margin_between_desirable_and_undesirable_rewards()
    {
        // Rewards β·(π − π_ref): desirable 0.1·(−10 + 12) = 0.2, undesirable 0.1·(−13 + 12) = −0.1.
        var figures = Window(Kto.Loss(T(-10, -13), T(-12, -12), T(1, 0), T(-9, -11), T(-10, -11), beta: 0.1));
        Assert.Equal(0.3, figures["rewards/margins"], 5);
        Assert.Equal(figures["rewards/chosen"] - figures["rewards/rejected"], figures["rewards/margins"], 5);
    }

    [Fact]
    public void Kto_pools_its_figures_over_the_window_by_row_counts_as_trl_does()
    {
        // Step 1: three desirable rows with rewards 0.1·(1, 2, 3) and one undesirable with 0.1·(−4).
        // Step 2: one desirable row, reward 0.1·5; no undesirable row.
        var figures = Window(
            Kto.Loss(T(1, 2, 3, -4), T(0, 0, 0, 0), T(1, 1, 1, 0), T(0, 0, 0, 0), T(0, 0, 0, 0), beta: 0.1),
            Kto.Loss(T(5), T(0), T(1), T(0), T(0), beta: 0.1));

        // Σ rewards / Σ rows = 0.1·(1 + 2 + 3 + 5) / 4 = 0.275; the mean of the steps' means would be (0.2 + 0.5) / 2 = 0.35.
        Assert.Equal(0.275, figures["rewards/chosen"], 5);
        Assert.Equal(11.0 / 4, figures["logps/chosen"], 5);
        // The second step had no undesirable row: it adds nothing, so the window's mean is the first step's −0.4, not (−0.4 + 0) / 2.
        Assert.Equal(-0.4, figures["rewards/rejected"], 5);
        Assert.Equal(-4.0, figures["logps/rejected"], 5);
        Assert.Equal(0.275 + 0.4, figures["rewards/margins"], 5);
    }

    [Fact]
    public void A_kto_window_without_undesirable_rows_reports_no_rejected_figures_and_no_margin()
    {
        var figures = Window(Kto.Loss(T(1, 2), T(0, 0), T(1, 1), T(0, 0), T(0, 0), beta: 0.1));

        Assert.Equal(0.15, figures["rewards/chosen"], 5);
        Assert.DoesNotContain("rewards/rejected", figures.Keys);
        Assert.DoesNotContain("logps/rejected", figures.Keys);
        Assert.DoesNotContain("rewards/margins", figures.Keys);
        Assert.Contains("loss", figures.Keys);
        Assert.Contains("kl", figures.Keys);
    }

    /// <summary>What one logging window over these steps reports.</summary>
    private static IReadOnlyDictionary<string, double> Window(params IObjectiveOutput[] steps)
    {
        using var metrics = new MetricSet();
        foreach (var step in steps) metrics.Add(step);
        return metrics.ReadMeans();
    }

    [Fact]
    public void The_reward_model_logs_reward_trainer_s_figures()
    {
        var figures = Figures(RewardModelLoss.BradleyTerry(T(1.0f, -0.5f), T(0.2f, 0.5f)));
        Assert.Equal(0.5, figures["accuracy"], 5);
        Assert.Equal(((1.0 - 0.2) + (-0.5 - 0.5)) / 2, figures["margin"], 5);
        Assert.Equal(-0.5, figures["min_reward"], 5);
        Assert.Equal(1.0, figures["max_reward"], 5);
        Assert.Equal((1.0 - 0.5 + 0.2 + 0.5) / 4, figures["mean_reward"], 5);
    }
}
