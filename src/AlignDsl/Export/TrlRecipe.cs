namespace AlignDsl.Export;

/// <summary>One keyword argument of a TRL config: its name and its value (a number, a string, a bool or a list of strings).</summary>
public sealed record TrlField(string Name, object Value);

/// <summary>The TRL data format an objective trains on, and the JSONL fields of each line.</summary>
public enum TrlDataFormat
{
    /// <summary><c>{"prompt", "completion"}</c></summary>
    PromptCompletion,

    /// <summary><c>{"prompt", "chosen", "rejected"}</c> (a reward model's lines may add <c>"margin"</c>)</summary>
    Preference,

    /// <summary><c>{"prompt", "completion", "label"}</c></summary>
    Unpaired,

    /// <summary><c>{"prompt"}</c></summary>
    PromptOnly,
}

/// <summary>
/// How one declared experiment maps onto TRL: the trainer and config classes, every config field the declaration
/// decides (never left at a TRL default the declaration overrides), the data format, and what maps only approximately.
/// Built from the experiment's descriptor, which the generator writes from the same model as the training loop.
/// </summary>
public sealed record TrlRecipe(string Module, string Trainer, string Config, TrlDataFormat Format, IReadOnlyList<TrlField> Fields)
{
    /// <summary>Where a setting has no exact TRL counterpart: said in the export's README and printed by the command.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>DPO, IPO and KTO hold a reference model; with PEFT it is the base with adapters off, as locally.</summary>
    public bool UsesReference { get; init; }

    /// <summary>PPO: a value model beside the policy, and the reward model of the experiment it is rewarded by.</summary>
    public bool IsPpo { get; init; }

    /// <summary>An online objective (PPO, GRPO, RLOO): the reward model of the experiment it is rewarded by goes beside the policy.</summary>
    public bool UsesRewardModel { get; init; }

    /// <summary>The declared LoRA adapters, exported as a <c>peft.LoraConfig</c>; null when all weights train.</summary>
    public LoraPlan? Lora { get; init; }

    public static TrlRecipe For(ExperimentDescriptor experiment, int gpus)
    {
        var h = experiment.Hyperparameters.ToDictionary(p => p.Name, p => p.Value);
        double Get(string name) => h.TryGetValue(name, out var v) ? v : throw new InvalidOperationException($"{experiment.Name} has no setting {name} to export.");
        var notes = new List<string>();
        // TRL's online trainers count a batch in answers: BatchSize prompts × Generations for GRPO and RLOO.
        var group = experiment.Objective is ObjectiveKind.Grpo or ObjectiveKind.Rloo;
        var common = CommonFields(experiment, Get, gpus, notes, answersPerPrompt: group ? (int)Get("Generations") : 1);
        var precompute = experiment.Switches.Contains("PrecomputeReferenceLogProbs");
        var maxLength = new TrlField("max_length", (int)Get("MaxLength"));
        TrlRecipe recipe = experiment.Objective switch
        {
            ObjectiveKind.Sft => new("trl", "SFTTrainer", "SFTConfig", TrlDataFormat.PromptCompletion,
                [maxLength, new("completion_only_loss", true), new("packing", false)]),
            ObjectiveKind.RewardModel => new("trl", "RewardTrainer", "RewardConfig", TrlDataFormat.Preference,
                [maxLength, .. Get("CenterRewards") > 0 ? new[] { new TrlField("center_rewards_coefficient", Get("CenterRewards")) } : []]),
            ObjectiveKind.Dpo => new("trl", "DPOTrainer", "DPOConfig", TrlDataFormat.Preference,
            [
                maxLength, new("beta", Get("Beta")), new("label_smoothing", Get("LabelSmoothing")),
                new("loss_type", new[] { experiment.Switches.Contains("Hinge") ? "hinge" : "sigmoid" }), new("precompute_ref_log_probs", precompute),
            ]) { UsesReference = true },
            ObjectiveKind.Ipo => new("trl", "DPOTrainer", "DPOConfig", TrlDataFormat.Preference,
                [maxLength, new("beta", Get("Beta")), new("loss_type", new[] { "ipo" }), new("precompute_ref_log_probs", precompute)]) { UsesReference = true },
            // TRL's SimPO is CPO's "simpo" loss: −log σ(β·Δ(mean log-prob) − γ), with cpo_alpha weighing the SFT term.
            ObjectiveKind.SimPo => new("trl.experimental.cpo", "CPOTrainer", "CPOConfig", TrlDataFormat.Preference,
                [maxLength, new("loss_type", "simpo"), new("beta", Get("Beta")), new("simpo_gamma", Get("Gamma")), new("cpo_alpha", Get("SftWeight"))]),
            // TRL's ORPOConfig.beta is the paper's λ.
            ObjectiveKind.Orpo => new("trl.experimental.orpo", "ORPOTrainer", "ORPOConfig", TrlDataFormat.Preference,
                [maxLength, new("beta", Get("Lambda"))]),
            ObjectiveKind.Kto => new("trl", "KTOTrainer", "KTOConfig", TrlDataFormat.Unpaired,
            [
                maxLength, new("beta", Get("Beta")), new("desirable_weight", Get("DesirableWeight")),
                new("undesirable_weight", Get("UndesirableWeight")), new("precompute_ref_log_probs", precompute),
            ]) { UsesReference = true },
            ObjectiveKind.Ppo => Ppo(experiment, Get),
            ObjectiveKind.Grpo or ObjectiveKind.Rloo => Group(experiment, Get),
            _ => throw new NotSupportedException($"{experiment.Objective} has no TRL counterpart."),
        };
        if (experiment.Objective == ObjectiveKind.RewardModel && Get("Margin") > 0)
            notes.Add($"Margin {Get("Margin")} is written into every line's \"margin\" field, which RewardTrainer subtracts as the local loss does.");
        if (experiment.Switches.Contains("RankingWeights"))
            notes.Add("RankingWeights has no TRL counterpart: RewardTrainer weighs every pair of a ranking alike (the local run weighs them 1/C(k,2)).");
        if (experiment.Rewards.FirstOrDefault(r => r.Kind == RewardKind.Model) is { Weight: not 1.0 } weighted)
            notes.Add(FormattableString.Invariant($"The reward model's Weight {weighted.Weight} has no TRL counterpart: PPOTrainer takes its score unscaled."));
        // TRL's PPO counts its length in episodes (total_episodes), not in optimiser steps.
        if (recipe.IsPpo) common.RemoveAll(f => f.Name == "max_steps");
        if (group) common = InUpdates(common, (int)Get("Iterations"));
        if (experiment.Precision == Precision.Bf16) common.Add(new("bf16", true));
        if (experiment.GradientCheckpointing) common.Add(new("gradient_checkpointing", true));
        return recipe with { Fields = [.. common, .. recipe.Fields], Notes = [.. notes, .. recipe.Notes], Lora = experiment.Lora };
    }

    /// <summary>TRL's online trainers score with a reward model of their own; a C# function or method cannot travel with the export.</summary>
    private static void RequireRewardModel(ExperimentDescriptor experiment, string trainer)
    {
        if (experiment.RewardFrom is null || experiment.Rewards.Any(r => r.Kind != RewardKind.Model))
            throw new NotSupportedException(
                $"{experiment.Name} is rewarded by a C# reward function or method, which TRL's {trainer} cannot call: it needs one reward model. " +
                "Reward it with another experiment's reward model alone ([RewardFrom(typeof(...))]) to export it.");
    }

    private static TrlRecipe Ppo(ExperimentDescriptor experiment, Func<string, double> get)
    {
        RequireRewardModel(experiment, "PPOTrainer");
        return new("trl.experimental.ppo", "PPOTrainer", "PPOConfig", TrlDataFormat.PromptOnly,
        [
            // TRL counts PPO in episodes (prompts sampled): the local run's steps times its batch size.
            new("total_episodes", (int)(get("Steps") * get("BatchSize"))),
            new("kl_coef", get("KlCoefficient")), new("kl_estimator", "k1"),
            new("cliprange", get("ClipRange")), new("cliprange_value", get("ValueClipRange")),
            new("vf_coef", get("ValueCoefficient")), new("num_ppo_epochs", (int)get("PpoEpochs")), new("num_mini_batches", (int)get("MiniBatches")),
            new("response_length", (int)get("MaxNewTokens")), new("gamma", get("Gamma")), new("lam", get("Lambda")),
            new("whiten_rewards", false), new("sft_model_path", TrlExporter.ModelFolder), new("reward_model_path", TrlExporter.RewardModelFolder),
            .. get("MissingEosPenalty") > 0 ? [new TrlField("missing_eos_penalty", get("MissingEosPenalty"))] : Array.Empty<TrlField>(),
        ]) { IsPpo = true, UsesRewardModel = true, Notes = PpoNotes(get).ToList() };
    }

    /// <summary>
    /// GRPO and RLOO: TRL's GRPOTrainer and RLOOTrainer, rewarded by the exported reward model (<c>reward_funcs</c>) with its
    /// weight. GRPO's loss is TRL's "grpo" (each answer's tokens averaged, then the answers), Dr. GRPO's "dr_grpo" with
    /// unscaled rewards; TRL's RLOO penalises the summed log-ratio in the reward, as the local loop does.
    /// </summary>
    private static TrlRecipe Group(ExperimentDescriptor experiment, Func<string, double> get)
    {
        var grpo = experiment.Objective == ObjectiveKind.Grpo;
        var trainer = grpo ? "GRPOTrainer" : "RLOOTrainer";
        RequireRewardModel(experiment, trainer);
        var weight = experiment.Rewards.Single(r => r.Kind == RewardKind.Model).Weight;
        List<TrlField> fields =
        [
            new("num_generations", (int)get("Generations")), new("beta", get("Beta")), new("epsilon", get("ClipRange")),
            new("num_iterations", (int)get("Iterations")), new("max_completion_length", (int)get("MaxNewTokens")),
            // The local rollout samples at temperature 1, with no nucleus or top-k cut.
            new("temperature", 1.0), new("top_p", 1.0), new("reward_weights", new[] { weight }),
        ];
        fields.AddRange(grpo
            ? experiment.Switches.Contains("DrGrpo")
                ? [new("loss_type", "dr_grpo"), new("scale_rewards", "none")]
                : [new TrlField("loss_type", "grpo"), new("scale_rewards", "group")]
            : [new TrlField("normalize_advantages", false)]);
        return new("trl", trainer, grpo ? "GRPOConfig" : "RLOOConfig", TrlDataFormat.PromptOnly, fields) { UsesRewardModel = true };
    }

    /// <summary>
    /// GRPO and RLOO: TRL counts a step as one update, and the local loop makes Iterations updates of each rollout, so the
    /// length and every interval are counted in updates.
    /// </summary>
    private static List<TrlField> InUpdates(List<TrlField> common, int iterations)
    {
        string[] counted = ["max_steps", "warmup_steps", "logging_steps", "eval_steps", "save_steps"];
        return common.Select(f => counted.Contains(f.Name) && f.Value is int n ? f with { Value = n * iterations } : f).ToList();
    }

    /// <summary>PPO settings TRL's PPOTrainer has no field for (ALIGN065 warns of them at compile time).</summary>
    private static IEnumerable<string> PpoNotes(Func<string, double> get)
    {
        if (get("RolloutsPerPrompt") > 1)
            yield return $"RolloutsPerPrompt {get("RolloutsPerPrompt")} has no TRL counterpart: PPOTrainer samples one answer per prompt (total_episodes counts prompts).";
        if (get("TargetKl") > 0)
            yield return $"TargetKl {get("TargetKl")} has no TRL counterpart: PPOTrainer keeps kl_coef fixed at KlCoefficient.";
    }

    /// <summary>The Trainer's own settings: steps, batch, schedule, optimiser, logging, evaluation, checkpoints, seed.</summary>
    /// <param name="answersPerPrompt">Rows a prompt of the batch becomes in TRL's count: GRPO's and RLOO's Generations, else 1.</param>
    private static List<TrlField> CommonFields(ExperimentDescriptor experiment, Func<string, double> get, int gpus, List<string> notes, int answersPerPrompt)
    {
        var batch = (int)get("BatchSize") * answersPerPrompt;
        var perDevice = Math.Max(1, batch / gpus);
        var declared = answersPerPrompt == 1 ? $"BatchSize {batch}" : $"BatchSize × Generations = {batch} answers";
        if (perDevice * gpus != batch)
            notes.Add($"{declared} does not divide over {gpus} GPUs: each takes {perDevice}, a global batch of {perDevice * gpus}.");
        var fields = new List<TrlField>
        {
            new("output_dir", TrlExporter.OutputFolder),
            new("max_steps", (int)get("Steps")),
            new("per_device_train_batch_size", perDevice),
            new("gradient_accumulation_steps", 1),
            new("learning_rate", get("LearningRate")),
            // The local schedule: linear warm-up, then cosine decay to 10 % of the peak.
            new("lr_scheduler_type", "cosine_with_min_lr"),
            new("lr_scheduler_kwargs", new Dictionary<string, object> { ["min_lr_rate"] = 0.1 }),
            new("warmup_steps", (int)get("WarmupSteps")),
            new("optim", "adamw_torch"),
            new("adam_beta1", 0.9), new("adam_beta2", 0.999), new("adam_epsilon", 1e-8),
            new("weight_decay", get("WeightDecay")),
            new("max_grad_norm", get("MaxGradNorm")),
            new("logging_steps", (int)get("LogEvery")),
            new("seed", (int)get("Seed")), new("data_seed", (int)get("Seed")),
            new("report_to", "none"),
        };
        var evalEvery = (int)get("EvalEvery");
        fields.AddRange(evalEvery > 0 ? [new("eval_strategy", "steps"), new("eval_steps", evalEvery)] : [new TrlField("eval_strategy", "no")]);
        var checkpointEvery = (int)get("CheckpointEvery");
        fields.AddRange(checkpointEvery > 0
            ? [new("save_strategy", "steps"), new("save_steps", checkpointEvery), new("save_total_limit", (int)get("KeepCheckpoints"))]
            : [new TrlField("save_strategy", "no")]);
        return fields;
    }
}
