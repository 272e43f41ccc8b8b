using static AlignDsl.Generators.Emitting.CodeWriter;

namespace AlignDsl.Generators.Emitting;

/// <summary>
/// What GRPO and RLOO share: prompts as data, no value model, Generations answers sampled per prompt (a group on
/// consecutive rows), scored by the reward, and Iterations updates of the policy per rollout. A reference is kept only
/// while β weighs a KL term (a frozen copy, or with LoRA the policy's base); with β = 0 there is none.
/// </summary>
internal abstract class GroupSamplingEmitter(Model.ExperimentModel experiment) : ObjectiveEmitter(experiment)
{
    protected RewardCode Reward => new(Experiment.Reward);

    /// <summary>With LoRA the reference is the policy with its adapters switched off: no frozen copy is held.</summary>
    private bool BaseReference => Experiment.Lora is not null;

    /// <summary>Whether the step reads a reference: only while β weighs the KL term.</summary>
    protected bool HasReference => !BetaIsZero;

    /// <summary>What the class summary says is resident.</summary>
    protected string ResidentSummary => "Resident: policy"
        + (!HasReference ? " (no reference: β = 0 drops the KL term)" : BaseReference ? " (the reference is its base, LoRA adapters switched off)" : ", reference")
        + (Reward.IsModel ? ", reward model." : ".");

    protected override string? LiveReference => HasReference && !BaseReference ? "reference" : null;

    public override string TrainStepModels => (HasReference && !BaseReference ? "policy, reference, " : "policy, ") + Reward.Argument;

    public override void EmitSetUp(CodeWriter w)
    {
        EmitPrompts(w);
        w.Line(!HasReference ? $"// Models: {PolicyOrigin}; no reference, as β = 0 drops the KL term."
            : BaseReference ? $"// Models: {PolicyOrigin}; the reference is its base (adapters off)."
            : $"// Models: {PolicyOrigin}; the reference is a frozen copy of it.");
        EmitPolicy(w, "prompts.Train");
        if (HasReference && !BaseReference) w.Line("using var reference = policy.FrozenCopy();");
        if (!HasReference)
        {
            w.Line("// Beta = 0 keeps no reference, so --beta cannot turn the KL term on.");
            w.Line($"if ({BetaVariable} != 0) throw new global::System.ArgumentException({Literal(Experiment.Name + " declares Beta = 0 and keeps no reference, so --beta cannot turn its KL term on: declare a Beta above 0 to use one.")});");
        }
        Reward.EmitSetUp(w);
        EmitEvalContext(w, "the policy's mean log-prob per token", "policy", $"new {Evaluation}.MeanLogProbReward(policy)", TokenizePairs("heldOutPairs"));
    }

    public override void EmitOptimizers(CodeWriter w)
    {
        w.Line("// The schedule counts updates: Iterations of them per step.");
        w.Line("using var optimizer = run.AdamW(policy, learningRate, WarmupSteps * Iterations, steps * Iterations, WeightDecay, MaxGradNorm);");
        w.Line("// Rollouts sample from their own seeded generator, so a run repeats.");
        w.Line("var generator = new global::TorchSharp.torch.Generator((ulong)run.Seed, run.Device);");
    }

    public override string TrainingStateParts => ".Add(\"policy\", policy, optimizer).Add(\"generator\", generator)";

    public override void EmitStepCall(CodeWriter w)
    {
        w.Line("long tokens;");
        w.Line("// Everything a step allocates on the device is freed when its scope closes.");
        w.Line("using (global::TorchSharp.torch.NewDisposeScope())");
        w.Line($"    tokens = TrainStep({TrainStepModels}, batch{(HasReference ? ", " + BetaVariable : "")}, generator, optimizer, metrics);");
        w.Line("run.Report(step, metrics, tokens, LogEvery, optimizer);");
    }

    /// <summary>The step's signature and its first lines: the rollout of Generations answers per prompt, and its mask.</summary>
    protected void EmitStepOpening(CodeWriter w, params string[] summary)
    {
        w.Line("/// <summary>");
        foreach (var line in summary) w.Line("/// " + line);
        w.Line("/// </summary>");
        var reference = HasReference && !BaseReference ? $"{Models}.Policy reference, " : "";
        w.Line($"private static long TrainStep({Models}.Policy policy, {reference}{Reward.Parameter},");
        w.Line($"    global::System.Collections.Generic.IReadOnlyList<string> prompts,{(HasReference ? $" double {BetaVariable}," : "")} global::TorchSharp.torch.Generator generator,");
        w.Line("    global::AlignDsl.Training.Optimizer optimizer, global::AlignDsl.Reporting.MetricSet metrics)");
        w.OpenBrace();
        w.Line("// Generations answers to each prompt, on consecutive rows: a prompt's group.");
        w.Line("var rollout = global::AlignDsl.Training.Rollout.Sample(policy, prompts, MaxNewTokens, MaxLength, generator, samplesPerPrompt: Generations);");
        w.Line("var mask = rollout.Batch.LossMask;");
    }

    /// <summary>The closing lines of the step: the gradient norm and the tokens sampled.</summary>
    protected static void EmitStepClosing(CodeWriter w)
    {
        w.Line("metrics.Add(\"grad_norm\", optimizer.GradNorm);");
        w.Line("return rollout.TokenCount;");
        w.CloseBrace();
    }
}
