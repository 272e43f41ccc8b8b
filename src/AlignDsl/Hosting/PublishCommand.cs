using AlignDsl.Models;
using AlignDsl.Models.Architectures;
using AlignDsl.Running;

namespace AlignDsl.Hosting;

/// <summary>
/// <c>publish &lt;run or experiment&gt; --to &lt;folder&gt;</c>: copies a finished run's checkpoint, already in the Hugging Face
/// layout, to a model folder of its own, where <c>from_pretrained</c> or another experiment's <c>[Policy(Pretrained = …)]</c>
/// reads it. The run's <c>summary.json</c> goes with it as <see cref="SummaryFile"/>: the model keeps the record of what produced it.
/// </summary>
public static class PublishCommand
{
    public const string SummaryFile = "aligndsl_summary.json";

    /// <returns>The folder written.</returns>
    public static string Run(string model, string to, string runsRoot)
    {
        var checkpoint = ScoreCommand.ResolveFolder(model, runsRoot);
        if (!Checkpoint.Exists(checkpoint))
            throw new UsageException($"{checkpoint} is not a checkpoint a run wrote (no {Checkpoint.TokenizerFile}): publish copies a finished run's model.");
        if (Directory.Exists(to) && Directory.EnumerateFileSystemEntries(to).Any())
            throw new UsageException($"--to {to}: the folder is not empty; publish into a new or empty folder.");
        var summary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(checkpoint))!, "summary.json");
        // Written beside the target and moved in whole, so a stopped copy never leaves a folder that looks complete.
        AtomicFolder.Write(to.TrimEnd('/', '\\'), folder =>
        {
            CopyFolder(checkpoint, folder);
            if (File.Exists(summary)) File.Copy(summary, Path.Combine(folder, SummaryFile));
        });
        return to;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from)) CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
    }
}
