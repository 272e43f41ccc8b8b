using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlignDsl.Data;
using AlignDsl.Data.Quality;
using AlignDsl.Tests.EndToEnd;

namespace AlignDsl.Tests.Data.Quality;

/// <summary>
/// Runs the data-quality experiments through the host: noisy annotations warn and report their κ in summary.json,
/// and a reward model learns from weighted k-wise rankings.
/// </summary>
public sealed class DataQualityRunTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"aligndsl-quality-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Noisy_annotators_warn_and_report_their_kappa_in_the_summary()
    {
        // Two annotators set to κ = 0.3 label the gym's 226 pairs: agreement well under 0.6.
        AnnotatedJsonl.Write(DataQualityFiles.Annotated, new GymAnnotators(2, 0.3, seed: 4).Annotate(new Gym(GymTask.HelpfulHarmless, 4)));
        var labels = JsonlReader.ReadAnnotated(DataQualityFiles.Annotated).Items;
        var kappa = Kappa.Cohen(labels.Select(i => i.Labels[0]).ToList(), labels.Select(i => i.Labels[1]).ToList());
        var disagreements = labels.Count(i => i.Labels[0] != i.Labels[1]);
        Assert.InRange(kappa, 0.2, 0.4);

        var (exitCode, output, error) = await Host.RunAsync("run", "test-annotated-rm", "--out", _root, "--device", "cpu");

        Assert.True(exitCode == 0, $"exit code {exitCode}: {error}\n{output}");
        var expected = $"{DataQualityFiles.Annotated}: annotator agreement is low (Cohen's κ = {kappa.ToString("0.00", CultureInfo.InvariantCulture)} < 0.6)";
        Assert.Contains($"warning: {expected}", output);
        var summary = Host.Summary(Host.Runs(_root, "test-annotated-rm").Single());
        var quality = summary["data_quality"]!;
        Assert.Equal(kappa, quality["kappa"]!.GetValue<double>(), 6);
        Assert.Equal("cohen", quality["kappa_kind"]!.GetValue<string>());
        Assert.Equal(2, quality["annotators"]!.GetValue<int>());
        Assert.Equal(226, quality["items"]!.GetValue<int>());
        // With two annotators every disagreement is a tie, and ties are dropped.
        Assert.Equal(disagreements, quality["ties_dropped"]!.GetValue<int>());
        Assert.Contains(summary["warnings"]!.AsArray(), w => w!.GetValue<string>().StartsWith(expected, StringComparison.Ordinal));
        // The voted pairs' row counts, per file, on the console and in the summary: the last tenth is held out.
        var files = summary["data_files"]!.AsArray();
        Assert.Equal(["train", "held_out_last_tenth"], files.Select(f => f!["role"]!.GetValue<string>()));
        Assert.All(files, f => Assert.Equal(DataQualityFiles.Annotated, f!["path"]!.GetValue<string>()));
        var rows = files.Select(f => f!["rows"]!.GetValue<int>()).ToArray();
        Assert.Equal(226 - disagreements, rows.Sum());
        Assert.Equal(Math.Max(1, (226 - disagreements) / 10), rows[1]);
        Assert.Contains($"{DataQualityFiles.Annotated}: {rows[0]} train rows", output);
        // Provenance hashes each file the run read once, though it gave both the training rows and the held-out tenth.
        var hashed = Assert.Single(summary["provenance"]!["data_files"]!.AsArray())!;
        Assert.Equal(Path.GetFullPath(DataQualityFiles.Annotated), hashed["path"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{64}$", hashed["sha256"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_reward_model_on_weighted_rankings_lowers_its_loss()
    {
        WriteGymRankings(DataQualityFiles.Rankings, seed: 8);

        var (exitCode, output, error) = await Host.RunAsync("run", "test-rankings-rm", "--out", _root, "--device", "cpu");

        Assert.True(exitCode == 0, $"exit code {exitCode}: {error}\n{output}");
        var run = Host.Runs(_root, "test-rankings-rm").Single();
        var losses = File.ReadLines(Path.Combine(run, "metrics.jsonl")).Select(l => JsonNode.Parse(l)!)
            .Where(m => m["kind"]!.GetValue<string>() == "train").Select(m => m["loss"]!.GetValue<double>()).ToList();
        Assert.Equal(4, losses.Count); // steps 5, 10, 15, 20
        Assert.True(losses[^1] < losses[0] - 0.05, $"loss did not fall: {string.Join(", ", losses)}");
        // Rankings carry no annotators: nothing to report.
        Assert.Null(Host.Summary(run)["data_quality"]);
    }

    /// <summary>
    /// One ranking per gym prompt, responses in a seeded random order: for capitals the right answer, then the padded
    /// one, then the wrong one (k = 3, pairs weighing 1/3); for the rest the right answer over the wrong one (k = 2).
    /// </summary>
    private static void WriteGymRankings(string path, int seed)
    {
        var random = new Random(seed);
        var pairs = new Gym(GymTask.HelpfulHarmless, seed).Pairs();
        var lines = pairs.Train.Concat(pairs.HeldOut).Select(pair =>
        {
            var item = Gym.Find(pair.Prompt)!;
            string[] best = item.Category == GymCategory.Factual ? [item.Right, item.Verbose, item.Wrong] : [item.Right, item.Wrong];
            var order = Enumerable.Range(0, best.Length).ToArray();
            random.Shuffle(order);
            var responses = order.Select(i => best[i]).ToArray();
            var ranking = Enumerable.Range(0, best.Length).Select(rank => Array.IndexOf(order, rank)).ToArray();
            return JsonSerializer.Serialize(new { prompt = pair.Prompt, responses, ranking });
        });
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllLines(path, lines);
    }
}
