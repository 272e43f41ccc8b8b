using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace AlignDsl.Package.Tests;

/// <summary>
/// What a new user does, outside this repository, from the packages alone: install the template, create a project,
/// build it, run an experiment, and make a mistake. Nothing here reads this repository's build/ folder: the project
/// lives in a temporary folder whose nuget.config names only the local feed, the global packages folder and nuget.org.
/// </summary>
public sealed partial class ConsumerTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Minutes = TimeSpan.FromMinutes(4);

    [Fact]
    public void A_project_from_the_template_builds_runs_and_reports_a_wrong_declaration_by_its_id()
    {
        var root = Directory.CreateTempSubdirectory("aligndsl-consumer-").FullName;
        using var feed = new LocalFeed(Path.Combine(root, "feed"));
        try
        {
            var clock = Stopwatch.StartNew();
            Step("pack", feed.Pack());
            Assert.Equal([$"AlignDsl.{feed.Version}.nupkg", $"AlignDsl.Templates.{feed.Version}.nupkg", $"AlignDsl.Testing.{feed.Version}.nupkg"],
                feed.Packages.Where(p => p.EndsWith(".nupkg", StringComparison.Ordinal)));

            // Nothing above the project may take part in its build: stop MSBuild's search for Directory.* files here.
            foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
                File.WriteAllText(Path.Combine(root, name), "<Project />");
            feed.WriteNuGetConfig(root);

            var hive = Path.Combine(root, "template-hive");
            Step("template install", DotNet.Run(root, $"new install \"{Path.Combine(feed.Folder, $"AlignDsl.Templates.{feed.Version}.nupkg")}\" --debug:custom-hive \"{hive}\"", Minutes));
            Step("new", DotNet.Run(root, $"new aligndsl -n MyExperiments --debug:custom-hive \"{hive}\"", Minutes));
            var solution = Path.Combine(root, "MyExperiments");
            var app = Path.Combine(solution, "MyExperiments");
            Assert.True(File.Exists(Path.Combine(solution, "README.md")));

            Step("build", DotNet.Run(solution, "build MyExperiments.slnx -nodeReuse:false", Minutes));
            var restored = File.ReadAllText(Path.Combine(app, "obj", "project.assets.json"));
            Assert.Contains($"\"AlignDsl/{feed.Version}\"", restored, StringComparison.Ordinal);

            Step("snapshot test", DotNet.Run(solution, "test MyExperiments.slnx --no-build", Minutes));

            var dll = Path.Combine(app, "bin", "Debug", "net10.0", "MyExperiments.dll");
            var runs = Path.Combine(root, "runs");
            Step("run", DotNet.Run(solution, $"\"{dll}\" run gym-sft --steps 3 --device cpu --seed 1 --out \"{runs}\"", Minutes));
            var summary = Directory.GetFiles(Path.Combine(runs, "gym-sft"), "summary.json", SearchOption.AllDirectories).Single();
            var result = JsonNode.Parse(File.ReadAllText(summary))!;
            Assert.Equal("gym-sft", (string?)result["experiment"]);
            Assert.Equal(3, (int?)result["steps"]);
            Assert.True((double?)result["final_metrics"]?["loss"] is > 0 and < 100, summary);

            if (UnpatchedCopy.SystemNeedsFixup) NativeFailureIsOneSentence(app, dll, root);

            // Every experiment wrong: before the registry was always emitted, this also gave CS0234 for Program.cs.
            Edit(Path.Combine(app, "Experiments", "GymDpo.cs"), "Beta = 0.1", "Beta = 0");
            Edit(Path.Combine(app, "Experiments", "GymSft.cs"), "LearningRate = 2e-3", "LearningRate = 0");
            var broken = DotNet.Run(solution, "build MyExperiments/MyExperiments.csproj -nodeReuse:false", Minutes);
            log.WriteLine($"wrong declarations: exit {broken.ExitCode}, {broken.Elapsed.TotalSeconds:0.0} s");
            Assert.NotEqual(0, broken.ExitCode);
            Assert.Matches(@"GymDpo\.cs\(\d+,\d+\): error ALIGN004: Beta must be greater than 0", broken.Output);
            Assert.Matches(@"GymSft\.cs\(\d+,\d+\): error ALIGN006: LearningRate must be greater than 0", broken.Output);
            Assert.DoesNotMatch(@"error CS\d{4}", broken.Output);
            log.WriteLine($"total {clock.Elapsed.TotalSeconds:0} s");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>With the unpatched native library, the run fails with one sentence that names the missing version, not exit 134.</summary>
    private void NativeFailureIsOneSentence(string app, string dll, string root)
    {
        var deps = File.ReadAllText(Path.ChangeExtension(dll, ".deps.json"));
        var torchSharp = TorchSharpVersion().Match(deps).Groups[1].Value;
        var copy = Path.Combine(root, "unpatched");
        UnpatchedCopy.Make(Path.GetDirectoryName(dll)!, copy, UnpatchedCopy.FromCache(torchSharp));

        // An empty package folder: TorchSharp's own fallback (copying natives out of the cache) has nothing to copy.
        var run = DotNet.Run(app, $"\"{Path.Combine(copy, Path.GetFileName(dll))}\" run gym-sft --steps 1 --device cpu --out \"{Path.Combine(root, "unpatched-runs")}\"",
            Minutes, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(root, "no-packages") });
        log.WriteLine($"unpatched native library: exit {run.ExitCode}, {run.Elapsed.TotalSeconds:0.0} s: {run.Output.Trim()}");
        Assert.Equal(1, run.ExitCode);
        // One line, the reason: not TorchSharp's loader trace, not an unhandled exception.
        var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"error: TorchSharp's native library libLibTorchSharp.so needs {UnpatchedCopy.Version}, which this system's libstdc++ lacks", line, StringComparison.Ordinal);
    }

    private void Step(string name, DotNet.Result result)
    {
        log.WriteLine($"{name}: exit {result.ExitCode}, {result.Elapsed.TotalSeconds:0.0} s");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static void Edit(string path, string from, string to)
    {
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"""TorchSharp/([^""]+)""")]
    private static partial Regex TorchSharpVersion();
}
