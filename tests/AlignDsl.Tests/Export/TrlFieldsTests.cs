using AlignDsl.Export;
using AlignDsl.Tests.EndToEnd;

namespace AlignDsl.Tests.Export;

/// <summary>
/// Every config field an export writes exists in the pinned TRL. The lists below were copied from TRL v1.9.0's source
/// (the dataclass fields of each config in trl/trainer/*_config.py and trl/experimental/{cpo,orpo,ppo}/*_config.py,
/// plus trl/trainer/base_config.py), with the transformers TrainingArguments fields the exporter writes, which every
/// TRL config inherits. A field TRL lacks would fail <c>train.py</c> at its first line: it fails here instead.
/// </summary>
public sealed class TrlFieldsTests
{
    private static readonly string[] TrainingArguments =
    [
        "output_dir", "max_steps", "per_device_train_batch_size", "gradient_accumulation_steps", "learning_rate", "lr_scheduler_type",
        "lr_scheduler_kwargs", "warmup_steps", "optim", "adam_beta1", "adam_beta2", "adam_epsilon", "weight_decay", "max_grad_norm",
        "logging_steps", "seed", "data_seed", "report_to", "eval_strategy", "eval_steps", "save_strategy", "save_steps", "save_total_limit",
        "bf16", "gradient_checkpointing",
        // trl/trainer/base_config.py (v1.9.0)
        "use_liger_kernel", "torch_empty_cache_steps",
    ];

    private static readonly Dictionary<string, string[]> Trl190 = new()
    {
        ["SFTConfig"] = ["activation_offloading", "assistant_only_loss", "chat_template_path", "completion_only_loss", "dataset_kwargs", "dataset_num_proc", "dataset_text_field", "eos_token", "eval_packing", "learning_rate", "loss_type", "max_length", "model_init_kwargs", "packing", "packing_strategy", "pad_to_multiple_of", "pad_token", "padding_free", "router_aux_loss_coef", "shuffle_dataset", "truncation_mode", "trust_remote_code"],
        ["RewardConfig"] = ["activation_offloading", "center_rewards_coefficient", "chat_template_path", "dataset_num_proc", "disable_dropout", "eos_token", "learning_rate", "max_length", "model_init_kwargs", "pad_to_multiple_of", "pad_token", "trust_remote_code"],
        ["DPOConfig"] = ["activation_offloading", "beta", "dataset_num_proc", "disable_dropout", "discopop_tau", "f_alpha_divergence_coef", "f_divergence_type", "label_smoothing", "ld_alpha", "learning_rate", "loss_type", "loss_weights", "max_length", "model_init_kwargs", "pad_to_multiple_of", "pad_token", "padding_free", "precompute_ref_batch_size", "precompute_ref_log_probs", "ref_model_mixup_alpha", "ref_model_sync_steps", "router_aux_loss_coef", "sync_ref_model", "truncation_mode", "trust_remote_code", "use_weighting"],
        ["KTOConfig"] = ["activation_offloading", "beta", "dataset_num_proc", "desirable_weight", "disable_dropout", "learning_rate", "loss_type", "max_length", "model_init_kwargs", "pad_to_multiple_of", "precompute_ref_batch_size", "precompute_ref_log_probs", "ref_model_mixup_alpha", "ref_model_sync_steps", "router_aux_loss_coef", "sync_ref_model", "train_sampling_strategy", "trust_remote_code", "undesirable_weight"],
        ["CPOConfig"] = ["alpha", "beta", "cpo_alpha", "dataset_num_proc", "disable_dropout", "generate_during_eval", "is_encoder_decoder", "label_smoothing", "learning_rate", "loss_type", "max_completion_length", "max_length", "model_init_kwargs", "simpo_gamma", "trust_remote_code"],
        ["ORPOConfig"] = ["beta", "dataset_num_proc", "disable_dropout", "generate_during_eval", "is_encoder_decoder", "learning_rate", "max_completion_length", "max_length", "model_init_kwargs", "padding_value", "trust_remote_code"],
        // trl/trainer/grpo_config.py and rloo_config.py (v1.9.0), the vLLM and logging-hub fields left out.
        ["GRPOConfig"] = ["beta", "cache_implementation", "cast_lm_head_to_fp32", "chat_template_kwargs", "delta", "disable_dropout", "ds3_gather_for_generation", "entropy_coef", "entropy_coef_delta", "entropy_coef_max", "entropy_coef_min", "entropy_target", "epsilon", "epsilon_high", "generation_batch_size", "generation_kwargs", "importance_sampling_level", "learning_rate", "log_completions", "log_completions_hub_repo", "log_multimodal", "log_unique_prompts", "loss_type", "mask_truncated_completions", "max_completion_length", "max_tool_calling_iterations", "min_p", "model_init_kwargs", "multi_objective_aggregation", "num_completions_to_print", "num_generations", "num_generations_eval", "num_iterations", "off_policy_mask_threshold", "pad_to_multiple_of", "ref_model_mixup_alpha", "ref_model_sync_steps", "remove_unused_columns", "repetition_penalty", "reward_weights", "router_aux_loss_coef", "sapo_temperature_neg", "sapo_temperature_pos", "scale_rewards", "shuffle_dataset", "steps_per_generation", "sync_ref_model", "temperature", "top_entropy_quantile", "top_k", "top_p", "trust_remote_code", "use_vllm"],
        ["RLOOConfig"] = ["beta", "cache_implementation", "chat_template_kwargs", "disable_dropout", "ds3_gather_for_generation", "epsilon", "epsilon_high", "generation_batch_size", "generation_kwargs", "learning_rate", "log_completions", "mask_truncated_completions", "max_completion_length", "min_p", "model_init_kwargs", "normalize_advantages", "num_completions_to_print", "num_generations", "num_generations_eval", "num_iterations", "pad_to_multiple_of", "ref_model_mixup_alpha", "ref_model_sync_steps", "remove_unused_columns", "repetition_penalty", "reward_clip_range", "reward_weights", "router_aux_loss_coef", "shuffle_dataset", "steps_per_generation", "sync_ref_model", "temperature", "top_k", "top_p", "trust_remote_code", "use_vllm"],
        ["PPOConfig"] = ["batch_size", "cliprange", "cliprange_value", "dataset_num_proc", "ds3_gather_for_generation", "gamma", "kl_coef", "kl_estimator", "lam", "learning_rate", "local_batch_size", "local_mini_batch_size", "local_rollout_forward_batch_size", "micro_batch_size", "mini_batch_size", "missing_eos_penalty", "model_adapter_name", "num_mini_batches", "num_ppo_epochs", "num_sample_generations", "num_total_batches", "push_to_hub", "ref_adapter_name", "response_length", "reward_model_path", "sft_model_path", "stop_token", "stop_token_id", "temperature", "total_episodes", "vf_coef", "whiten_rewards", "world_size"],
    };

    public static TheoryData<string> Experiments => new(ExportedExperiments.All.Keys);

    [Fact]
    public void The_exporter_writes_the_pinned_TRL_version()
    {
        Assert.Equal("1.9.0", TrlVersions.Trl);
        Assert.Contains("trl==1.9.0", TrlVersions.Requirements, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Experiments))]
    public void Every_field_written_exists_in_the_pinned_TRL_config(string name)
    {
        var recipe = TrlRecipe.For(ExportedExperiments.All[name], gpus: 1);
        var known = Trl190[recipe.Config].Concat(TrainingArguments).ToHashSet(StringComparer.Ordinal);

        var unknown = recipe.Fields.Select(f => f.Name).Where(f => !known.Contains(f)).ToList();
        Assert.True(unknown.Count == 0, $"{recipe.Config} in TRL 1.9.0 has no {string.Join(", ", unknown)}");
        Assert.Equal(recipe.Fields.Count, recipe.Fields.Select(f => f.Name).Distinct().Count());
    }

    [Fact]
    public void A_field_TRL_lacks_would_fail_the_check()
    {
        // The check itself can fail: the field lists do not accept names by accident.
        Assert.DoesNotContain("kl_coefficient", Trl190["PPOConfig"]);
        Assert.DoesNotContain("beta", Trl190["SFTConfig"].Concat(TrainingArguments));
    }

    [Fact]
    public void Declared_values_reach_the_config_and_nothing_the_declaration_sets_is_left_to_a_TRL_default()
    {
        var dpo = Fields(TestDpo.Descriptor);
        Assert.Equal(0.1, dpo["beta"]);
        Assert.Equal(new[] { "sigmoid" }, dpo["loss_type"]);
        Assert.Equal(100, dpo["max_steps"]);
        Assert.Equal(16, dpo["per_device_train_batch_size"]);
        Assert.Equal(3e-5, dpo["learning_rate"]);
        Assert.Equal(10, dpo["warmup_steps"]);
        Assert.Equal(false, dpo["precompute_ref_log_probs"]);
        Assert.Equal(true, Fields(TestDpoPrecomputed.Descriptor)["precompute_ref_log_probs"]);

        var ppo = Fields(TestPpo.Descriptor);
        Assert.Equal(0.05, ppo["kl_coef"]);
        Assert.Equal(20, ppo["response_length"]);
        Assert.Equal(60 * 32, ppo["total_episodes"]);
        Assert.Equal(1, ppo["num_mini_batches"]);
        // No missing-EOS penalty declared: the field stays at TRL's default (None).
        Assert.False(ppo.ContainsKey("missing_eos_penalty"));
        Assert.Equal(Fields(TestSimPo.Descriptor)["beta"], TestSimPo.Descriptor.Hyperparameters.Single(h => h.Name == "Beta").Value);
        Assert.Equal(Fields(TestOrpo.Descriptor)["beta"], TestOrpo.Descriptor.Hyperparameters.Single(h => h.Name == "Lambda").Value);
        Assert.Equal(new[] { "ipo" }, Fields(TestIpo.Descriptor)["loss_type"]);
    }

    [Fact]
    public void GRPO_and_RLOO_count_answers_and_updates_as_TRL_does()
    {
        // TRL's batch is answers (BatchSize prompts × Generations) and its steps are updates (Iterations per rollout).
        var grpo = Fields(TestGrpoExport.Descriptor);
        Assert.Equal(8 * 4, grpo["per_device_train_batch_size"]);
        Assert.Equal(4, grpo["num_generations"]);
        Assert.Equal(30 * 2, grpo["max_steps"]);
        Assert.Equal(5 * 2, grpo["warmup_steps"]);
        Assert.Equal(10 * 2, grpo["logging_steps"]);
        Assert.Equal(2, grpo["num_iterations"]);
        Assert.Equal(0.04, grpo["beta"]);
        Assert.Equal("dr_grpo", grpo["loss_type"]);
        Assert.Equal("none", grpo["scale_rewards"]);
        Assert.Equal(new[] { 0.5 }, grpo["reward_weights"]);
        Assert.Equal(16, grpo["max_completion_length"]);

        var rloo = Fields(TestRlooExport.Descriptor);
        Assert.Equal(8 * 2, rloo["per_device_train_batch_size"]);
        Assert.Equal(30, rloo["max_steps"]);
        Assert.Equal(0.05, rloo["beta"]);
        Assert.Equal(false, rloo["normalize_advantages"]);
        Assert.Equal(new[] { 1.0 }, rloo["reward_weights"]);
        Assert.False(rloo.ContainsKey("loss_type"));

        var script = TrlScript.Render(TestGrpoExport.Descriptor, TrlRecipe.For(TestGrpoExport.Descriptor, gpus: 1));
        Assert.Contains("from trl import GRPOConfig, GRPOTrainer", script, StringComparison.Ordinal);
        Assert.Contains("    reward_funcs=\"reward_model\",", script, StringComparison.Ordinal);
        Assert.True(TrlRecipe.For(TestRlooExport.Descriptor, gpus: 1).UsesRewardModel);

        // Over 3 GPUs the 32 answers split 10 each, and the note counts answers, not prompts.
        var three = TrlRecipe.For(TestGrpoExport.Descriptor, gpus: 3);
        Assert.Equal(10, three.Fields.Single(f => f.Name == "per_device_train_batch_size").Value);
        Assert.Contains(three.Notes, n => n.StartsWith("BatchSize × Generations = 32 answers does not divide over 3 GPUs", StringComparison.Ordinal));
    }

    [Fact]
    public void GRPO_rewarded_by_a_function_is_refused_with_what_to_do()
    {
        var experiment = TestGrpoExport.Descriptor with { RewardFrom = null };
        var error = Assert.Throws<NotSupportedException>(() => TrlRecipe.For(experiment, gpus: 1));
        Assert.Contains("GRPOTrainer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lora_and_bf16_reach_the_export()
    {
        var lora = TrlRecipe.For(TestLlamaDpo.Descriptor, gpus: 1);
        Assert.Equal(TestLlamaDpo.Descriptor.Lora, lora.Lora);
        var script = TrlScript.Render(TestLlamaDpo.Descriptor, lora);
        Assert.Contains("peft_config = LoraConfig(r=8, lora_alpha=16.0, lora_dropout=0.0, target_modules=[\"q_proj\", \"v_proj\", \"o_proj\"], task_type=\"CAUSAL_LM\")", script, StringComparison.Ordinal);
        Assert.Contains("    peft_config=peft_config,", script, StringComparison.Ordinal);
        Assert.DoesNotContain(lora.Fields, f => f.Name == "bf16");
        Assert.Contains(new TrlField("bf16", true), TrlRecipe.For(TestResumeDpoBf16.Descriptor, gpus: 1).Fields);
    }

    [Fact]
    public void A_batch_that_does_not_divide_over_the_GPUs_is_said()
    {
        var recipe = TrlRecipe.For(TestDpo.Descriptor, gpus: 3);
        Assert.Equal(5, recipe.Fields.Single(f => f.Name == "per_device_train_batch_size").Value);
        Assert.Contains(recipe.Notes, n => n.Contains("does not divide over 3 GPUs", StringComparison.Ordinal));
    }

    private static Dictionary<string, object> Fields(ExperimentDescriptor experiment) =>
        TrlRecipe.For(experiment, gpus: 1).Fields.ToDictionary(f => f.Name, f => f.Value);
}

/// <summary>One test experiment per exportable objective.</summary>
internal static class ExportedExperiments
{
    public static IReadOnlyDictionary<string, ExperimentDescriptor> All { get; } = new[]
    {
        TestSft.Descriptor, TestRewardModel.Descriptor, TestDpo.Descriptor, TestDpoPrecomputed.Descriptor, TestIpo.Descriptor,
        TestSimPo.Descriptor, TestOrpo.Descriptor, TestKto.Descriptor, TestPpo.Descriptor, TestRankingsRewardModel.Descriptor,
        TestLlamaDpo.Descriptor, TestResumeDpoBf16.Descriptor, TestGrpoExport.Descriptor, TestRlooExport.Descriptor,
    }.ToDictionary(d => d.Name);
}
