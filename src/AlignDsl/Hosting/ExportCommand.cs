using System.Globalization;
using System.Text;
using AlignDsl.Export;

namespace AlignDsl.Hosting;

/// <summary><c>export NAME --to trl --out FOLDER</c>, and the per-GPU memory that <c>describe --gpus N --strategy S</c> prints.</summary>
internal static class ExportCommand
{
    public static string Run(ExperimentDescriptor experiment, string folder, string? strategy, int? gpus, string runsRoot)
    {
        var options = new ExportOptions(folder, DistributedStrategies.Parse(strategy ?? "ddp"), gpus ?? 1, runsRoot);
        var recipe = TrlExporter.Export(experiment, options);
        var text = new StringBuilder();
        text.AppendLine($"✔ {experiment.Name} exported to {folder}: {recipe.Trainer} with {recipe.Fields.Count} {recipe.Config} fields, " +
                        $"{options.Gpus} GPU(s), {options.Strategy.ToString().ToLowerInvariant()}");
        foreach (var note in recipe.Notes) text.AppendLine($"  ! {note}");
        text.Append($"  run it: cd {folder} && pip install -r requirements.txt && accelerate launch --config_file accelerate_config.yaml train.py");
        return text.ToString();
    }

    public static string MemoryPerGpu(ExperimentDescriptor experiment, string? strategy, int? gpus)
    {
        var (chosen, count) = (DistributedStrategies.Parse(strategy ?? "ddp"), gpus ?? 1);
        var text = new StringBuilder($"Memory per GPU with {chosen.ToString().ToLowerInvariant()} on {count} GPU(s) ({experiment.Precision.ToString().ToLowerInvariant()}; weights, gradients and AdamW state):");
        foreach (var model in experiment.ResidentModels)
            text.Append(CultureInfo.InvariantCulture, $"\n  {model.Role,-14} {Mib(DistributedStrategies.BytesPerGpu(experiment, model, chosen, count)),10} MiB");
        var total = experiment.ResidentModels.Sum(m => DistributedStrategies.BytesPerGpu(experiment, m, chosen, count));
        text.Append(CultureInfo.InvariantCulture, $"\n  {"total",-14} {Mib(total),10} MiB");
        return text.ToString();
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture);
}
