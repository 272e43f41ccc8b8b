using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using AlignDsl.Export;

namespace AlignDsl.Tests.Export;

/// <summary>
/// The exported train.py of every objective, kept as snapshots (<c>Snapshots/&lt;experiment&gt;.train.py</c>;
/// <c>ALIGNDSL_ACCEPT=1</c> accepts a change), and compiled by Python where python3 is installed.
/// </summary>
public sealed partial class TrlScriptTests
{
    public static TheoryData<string> Experiments => new(ExportedExperiments.All.Keys.Where(k => k != "test-rankings-rm"));

    [Theory]
    [MemberData(nameof(Experiments))]
    public void Train_py_matches_its_snapshot(string name)
    {
        var experiment = ExportedExperiments.All[name];
        var script = Scrubbed(TrlScript.Render(experiment, TrlRecipe.For(experiment, gpus: 1)));
        var path = Path.Combine(SnapshotFolder(), $"{name}.train.py");
        if (Environment.GetEnvironmentVariable("ALIGNDSL_ACCEPT") == "1") File.WriteAllText(path, script);
        Assert.True(File.Exists(path), $"no snapshot {path}: run with ALIGNDSL_ACCEPT=1 to write it");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), script);
    }

    [Theory]
    [MemberData(nameof(Experiments))]
    public void Train_py_compiles_where_python_is_installed(string name)
    {
        var python = FindPython();
        if (python is null) return; // No Python here: the snapshot test still holds the text.
        var experiment = ExportedExperiments.All[name];
        var file = Path.Combine(Path.GetTempPath(), $"aligndsl-train-{Guid.NewGuid():N}.py");
        File.WriteAllText(file, TrlScript.Render(experiment, TrlRecipe.For(experiment, gpus: 2)));
        try
        {
            using var process = Process.Start(new ProcessStartInfo(python, ["-m", "py_compile", file]) { RedirectStandardError = true })!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, error);
        }
        finally
        {
            File.Delete(file);
            var cache = Path.Combine(Path.GetDirectoryName(file)!, "__pycache__");
            foreach (var compiled in Directory.Exists(cache) ? Directory.GetFiles(cache, Path.GetFileNameWithoutExtension(file) + "*") : []) File.Delete(compiled);
        }
    }

    [Fact]
    public void Ppo_rewarded_by_a_function_is_refused_with_what_to_do()
    {
        var experiment = EndToEnd.TestPpo.Descriptor with { RewardFrom = null };
        var error = Assert.Throws<NotSupportedException>(() => TrlRecipe.For(experiment, gpus: 1));
        Assert.Contains("RewardFrom", error.Message, StringComparison.Ordinal);
    }

    private static string? FindPython() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "python3")).FirstOrDefault(File.Exists);

    private static string Scrubbed(string script) => VersionLine().Replace(script, "AlignDsl {version} from");

    [GeneratedRegex(@"AlignDsl \S+ from")]
    private static partial Regex VersionLine();

    private static string SnapshotFolder([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Snapshots");
}
