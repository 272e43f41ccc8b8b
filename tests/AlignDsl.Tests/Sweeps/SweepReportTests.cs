using AlignDsl.Evaluation;
using AlignDsl.Sweeps;

namespace AlignDsl.Tests.Sweeps;

/// <summary>The sweep's frontier table and the reward it plots, from hand-made member results.</summary>
public sealed class SweepReportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aligndsl-sweep-report-").FullName;

    private static SweepMember Member(double beta, IReadOnlyDictionary<string, double> after, IReadOnlyDictionary<string, double>? metrics = null)
    {
        var report = new EvalReport("after", 10, [new SuiteResult("figures", after)]);
        var run = new RunResult($"s-beta-{beta}", ObjectiveKind.Dpo, $"/runs/s-beta-{beta}/20261130-000000-000", 10, 1, 1,
            new EvalReport("before", 0, []), report, [], metrics ?? new Dictionary<string, double>());
        return new SweepMember(new SweepPoint("s", "Beta", beta), run);
    }

    [Fact]
    public void The_table_has_a_row_per_value_in_order_with_the_log_ratio_margin_for_beta()
    {
        var table = SweepReport.Table(
        [
            Member(0.5, new Dictionary<string, double> { ["kl"] = 1, ["preference_accuracy"] = 0.9 }, new Dictionary<string, double> { ["rewards/margins"] = 2 }),
            Member(0.1, new Dictionary<string, double> { ["kl"] = 3, ["preference_accuracy"] = 0.8 }, new Dictionary<string, double> { ["rewards/margins"] = 0.5 }),
        ]);
        var rows = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("| Beta | KL |", rows[0]);
        Assert.StartsWith("| 0.1 | 3 | – | 0.8 | – | – | 0.5 | 5 | – | s-beta-0.1 | 20261130-000000-000 |", rows[2]);
        Assert.StartsWith("| 0.5 | 1 | – | 0.9 | – | – | 2 | 4 | – | s-beta-0.5 |", rows[3]);
    }

    [Fact]
    public void The_frontier_plots_the_win_rate_only_when_every_member_measured_it()
    {
        var both = new[]
        {
            Member(0.1, new Dictionary<string, double> { ["kl"] = 3, ["win_rate"] = 0.4, ["preference_margin"] = 1 }),
            Member(0.5, new Dictionary<string, double> { ["kl"] = 1, ["win_rate"] = 0.5, ["preference_margin"] = 2 }),
        };
        Assert.Equal("win_rate", SweepReport.RewardFigure(both));
        var partial = new[] { both[0], Member(0.5, new Dictionary<string, double> { ["kl"] = 1, ["win_rate"] = double.NaN, ["preference_margin"] = 2 }) };
        Assert.Equal("preference_margin", SweepReport.RewardFigure(partial));

        var table = SweepReport.Write(_folder, "s", both);
        Assert.True(new FileInfo(Path.Combine(_folder, SweepReport.PlotFile)).Length > 0);
        var markdown = File.ReadAllText(Path.Combine(_folder, SweepReport.TableFile));
        Assert.StartsWith("# Sweep s: win_rate against KL by Beta", markdown);
        Assert.EndsWith(table, markdown);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
