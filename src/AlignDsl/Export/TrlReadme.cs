using System.Text;

namespace AlignDsl.Export;

/// <summary>The exported folder's README: how to run it, every exported setting with its source, and what does not map one-to-one.</summary>
public static class TrlReadme
{
    public static string Render(ExperimentDescriptor experiment, TrlRecipe recipe, ExportOptions options, int trainRows, int evalRows)
    {
        var s = new StringBuilder();
        s.AppendLine($"# {experiment.Name}: exported to TRL {TrlVersions.Trl}");
        s.AppendLine();
        s.AppendLine($"Exported by AlignDsl {Reporting.RunProvenance.Version} from `{experiment.ClassName}` ({experiment.Objective}), " +
                     $"for {options.Gpus} GPU(s) with {options.Strategy.ToString().ToLowerInvariant()}.");
        s.AppendLine();
        s.AppendLine("```sh");
        s.AppendLine("pip install -r requirements.txt");
        s.AppendLine("accelerate launch --config_file accelerate_config.yaml train.py");
        s.AppendLine("# then, in the AlignDsl project:");
        s.AppendLine($"dotnet run -- import <this folder>/{TrlExporter.OutputFolder} --as {experiment.Name}");
        s.AppendLine("```");
        s.AppendLine();
        s.AppendLine("| file | holds |");
        s.AppendLine("| --- | --- |");
        s.AppendLine($"| `train.py` | `{recipe.Trainer}` with `{recipe.Config}`; every field below written out |");
        s.AppendLine("| `accelerate_config.yaml` | the strategy and number of processes |");
        s.AppendLine($"| `{TrlExporter.TrainData}`, `{TrlExporter.EvalData}` | {trainRows} training and {evalRows} held-out rows in TRL's {Format(recipe.Format)} format |");
        s.AppendLine($"| `{TrlExporter.ModelFolder}/` | the policy it starts from, in the Hugging Face layout |");
        if (recipe.UsesRewardModel) s.AppendLine($"| `{TrlExporter.RewardModelFolder}/` | the reward model of `{experiment.RewardFrom}` |");
        s.AppendLine($"| `requirements.txt` | the versions this export was written against |");
        s.AppendLine($"| `{TrlExporter.ManifestFile}` | what was exported, read back by `import` |");
        s.AppendLine();
        s.AppendLine("## Settings");
        s.AppendLine("Each maps one-to-one from the declaration, except where noted below.");
        s.AppendLine();
        s.AppendLine("| TRL field | value |");
        s.AppendLine("| --- | --- |");
        foreach (var field in recipe.Fields) s.AppendLine($"| `{field.Name}` | `{PythonLiteral.Of(field.Value)}` |");
        s.AppendLine();
        s.AppendLine("## What does not map one-to-one");
        foreach (var note in recipe.Notes) s.AppendLine($"- {note}");
        s.AppendLine("- Evaluation suites (red teaming, over-refusal, win rate, KL, reward-model bias) run in AlignDsl, not in TRL: " +
                     "import the trained model, then `evaluate` it, so the report compares it with local runs.");
        s.AppendLine("- TRL's own metrics keep TRL's names; the local loop logs the same names for the preference objectives.");
        s.AppendLine("- The random streams differ: the same seed does not give the same batches or initial weights as the local run.");
        return s.ToString();
    }

    private static string Format(TrlDataFormat format) => format switch
    {
        TrlDataFormat.PromptCompletion => "prompt-completion",
        TrlDataFormat.Preference => "preference (prompt, chosen, rejected)",
        TrlDataFormat.Unpaired => "unpaired preference (prompt, completion, label)",
        _ => "prompt-only",
    };
}
