using System.Text;

namespace AlignDsl.Export;

/// <summary>
/// The exported <c>train.py</c>: the TRL trainer and config of the recipe, every field written out, the model and data
/// of the export folder, run by <c>accelerate launch</c>.
/// </summary>
public static class TrlScript
{
    public static string Render(ExperimentDescriptor experiment, TrlRecipe recipe)
    {
        var s = new StringBuilder();
        s.AppendLine($"# Exported by AlignDsl {Reporting.RunProvenance.Version} from the experiment \"{experiment.Name}\" ({experiment.ClassName}).");
        s.AppendLine("# Every setting below comes from the declaration; see README.md for what maps one-to-one and what does not.");
        s.AppendLine("#   accelerate launch --config_file accelerate_config.yaml train.py");
        s.AppendLine("from datasets import load_dataset");
        s.AppendLine(recipe.IsPpo || experiment.Objective == ObjectiveKind.RewardModel
            ? "from transformers import AutoModelForCausalLM, AutoModelForSequenceClassification, AutoTokenizer"
            : "from transformers import AutoModelForCausalLM, AutoTokenizer");
        if (recipe.Lora is not null) s.AppendLine("from peft import LoraConfig");
        s.AppendLine($"from {recipe.Module} import {recipe.Config}, {recipe.Trainer}");
        s.AppendLine();
        s.AppendLine($"config = {recipe.Config}(");
        foreach (var field in recipe.Fields) s.AppendLine($"    {field.Name}={PythonLiteral.Of(field.Value)},");
        s.AppendLine(")");
        if (recipe.Lora is { } lora)
        {
            // The reference of DPO and KTO is then the base with the adapters off, as in the local run.
            s.AppendLine($"peft_config = LoraConfig(r={lora.Rank}, lora_alpha={PythonLiteral.Of(lora.Alpha)}, lora_dropout={PythonLiteral.Of(lora.Dropout)}, " +
                         $"target_modules={PythonLiteral.Of(lora.Targets.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))}, task_type=\"CAUSAL_LM\")");
        }
        s.AppendLine();
        s.AppendLine($"tokenizer = AutoTokenizer.from_pretrained({PythonLiteral.Of(TrlExporter.ModelFolder)})");
        s.AppendLine("if tokenizer.pad_token is None:");
        s.AppendLine("    tokenizer.pad_token = tokenizer.eos_token");
        s.AppendLine($"data = load_dataset(\"json\", data_files={{\"train\": {PythonLiteral.Of(TrlExporter.TrainData)}, \"test\": {PythonLiteral.Of(TrlExporter.EvalData)}}})");
        if (recipe.IsPpo) AppendPpo(s, recipe);
        else if (recipe.UsesRewardModel) AppendGroup(s, recipe);
        else AppendOffline(s, experiment, recipe);
        s.AppendLine("trainer.train()");
        s.AppendLine("trainer.save_model(config.output_dir)");
        s.AppendLine("# trainer_state.json: the log history that `import` reads back into a run folder.");
        s.AppendLine("trainer.save_state()");
        s.AppendLine("tokenizer.save_pretrained(config.output_dir)");
        return s.ToString();
    }

    private static void AppendOffline(StringBuilder s, ExperimentDescriptor experiment, TrlRecipe recipe)
    {
        s.AppendLine(experiment.Objective == ObjectiveKind.RewardModel
            // The local reward model is the parent policy's body with a new scalar head, as here.
            ? $"model = AutoModelForSequenceClassification.from_pretrained({PythonLiteral.Of(TrlExporter.ModelFolder)}, num_labels=1)"
            : $"model = AutoModelForCausalLM.from_pretrained({PythonLiteral.Of(TrlExporter.ModelFolder)})");
        if (experiment.Objective == ObjectiveKind.RewardModel) s.AppendLine("model.config.pad_token_id = tokenizer.pad_token_id");
        // DPO and KTO make their frozen reference from the model when none is given, as the local run copies its policy.
        s.AppendLine($"trainer = {recipe.Trainer}(");
        s.AppendLine("    model=model,");
        s.AppendLine("    args=config,");
        s.AppendLine("    train_dataset=data[\"train\"],");
        s.AppendLine("    eval_dataset=data[\"test\"],");
        s.AppendLine("    processing_class=tokenizer,");
        if (recipe.Lora is not null) s.AppendLine("    peft_config=peft_config,");
        s.AppendLine(")");
    }

    /// <summary>GRPO and RLOO: the trainer samples its groups from the policy and scores them with the exported reward model.</summary>
    private static void AppendGroup(StringBuilder s, TrlRecipe recipe)
    {
        s.AppendLine($"model = AutoModelForCausalLM.from_pretrained({PythonLiteral.Of(TrlExporter.ModelFolder)})");
        // A reward model given by its folder is loaded as a sequence classifier with one label, as the local one scores.
        s.AppendLine($"trainer = {recipe.Trainer}(");
        s.AppendLine("    model=model,");
        s.AppendLine($"    reward_funcs={PythonLiteral.Of(TrlExporter.RewardModelFolder)},");
        s.AppendLine("    args=config,");
        s.AppendLine("    train_dataset=data[\"train\"],");
        s.AppendLine("    eval_dataset=data[\"test\"],");
        s.AppendLine("    processing_class=tokenizer,");
        if (recipe.Lora is not null) s.AppendLine("    peft_config=peft_config,");
        s.AppendLine(")");
    }

    private static void AppendPpo(StringBuilder s, TrlRecipe recipe)
    {
        s.AppendLine();
        s.AppendLine("def tokenize(row):");
        s.AppendLine("    return {\"input_ids\": tokenizer(row[\"prompt\"], add_special_tokens=False)[\"input_ids\"]}");
        s.AppendLine();
        s.AppendLine("data = data.map(tokenize, remove_columns=[\"prompt\"])");
        s.AppendLine("policy = AutoModelForCausalLM.from_pretrained(config.sft_model_path)");
        s.AppendLine("reference = AutoModelForCausalLM.from_pretrained(config.sft_model_path)");
        s.AppendLine("# The value model starts from the reward model, body and head, as locally.");
        s.AppendLine("value_model = AutoModelForSequenceClassification.from_pretrained(config.reward_model_path, num_labels=1)");
        s.AppendLine("reward_model = AutoModelForSequenceClassification.from_pretrained(config.reward_model_path, num_labels=1)");
        s.AppendLine($"trainer = {recipe.Trainer}(");
        s.AppendLine("    args=config,");
        s.AppendLine("    processing_class=tokenizer,");
        s.AppendLine("    model=policy,");
        s.AppendLine("    ref_model=reference,");
        s.AppendLine("    reward_model=reward_model,");
        s.AppendLine("    value_model=value_model,");
        s.AppendLine("    train_dataset=data[\"train\"],");
        s.AppendLine("    eval_dataset=data[\"test\"],");
        if (recipe.Lora is not null) s.AppendLine("    peft_config=peft_config,");
        s.AppendLine(")");
    }
}
