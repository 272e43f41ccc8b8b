using static AlignDsl.Generators.Emitting.CodeWriter;

namespace AlignDsl.Generators.Emitting;

/// <summary>
/// PPO: each step samples answers to a batch of prompts, scores them (reward model or function), turns the scores and
/// the per-token KL penalty into advantages with the value model (GAE), and takes <c>PpoEpochs</c> passes of
/// <c>MiniBatches</c> clipped updates of policy and value model. Settings at their defaults emit only their constants:
/// one answer per prompt, one update per epoch, no missing-EOS penalty, a fixed β. Resident: policy, value model, reference, and the
/// reward model when the reward is one.
/// </summary>
internal sealed class PpoEmitter(Model.ExperimentModel experiment) : ObjectiveEmitter(experiment)
{
    private RewardCode Reward => new(Experiment.Reward);

    /// <summary>With LoRA the reference is the policy with its adapters switched off: no frozen copy is held.</summary>
    private bool BaseReference => Experiment.Lora is not null;

    private int RolloutsPerPrompt => (int)Objective["RolloutsPerPrompt"];
    private int MiniBatchCount => (int)Objective["MiniBatches"];
    private bool PenalisesMissingEos => Objective["MissingEosPenalty"] > 0;

    /// <summary>β follows the adaptive controller toward TargetKl; with TargetKl 0 it stays at KlCoefficient.</summary>
    private bool AdaptiveKl => Objective["TargetKl"] > 0;

    /// <summary>What the step receives for β: the controller, or the coefficient.</summary>
    private string KlArgument => AdaptiveKl ? "klController" : "klCoefficient";

    public override string Summary => "PPO: clipped policy updates on sampled answers, rewarded by " + Reward.Description
        + " minus β·log π/π_ref per token" + (AdaptiveKl ? " (β adapted toward TargetKl)" : "") + ", advantages from a value model (GAE). Resident: policy, value model"
        + (BaseReference ? " (the reference is the policy's base, its LoRA adapters switched off)" : ", reference")
        + (Reward.IsModel ? ", reward model." : ".");

    /// <summary>The declared settings, then GAE's discount and λ, which are fixed.</summary>
    public override IEnumerable<string> Constants() => base.Constants().Concat(["private const double Gamma = 1.0;", "private const double Lambda = 0.95;"]);

    protected override string? LiveReference => BaseReference ? null : "reference";

    public override string TrainStepModels => BaseReference ? $"policy, valueModel, {Reward.Argument}" : $"policy, reference, valueModel, {Reward.Argument}";

    public override void EmitSetUp(CodeWriter w)
    {
        EmitPrompts(w);
        var valueOrigin = Reward.IsModel ? "a trainable copy of the reward model, body and head" : BaseReference
            ? "a copy of that base's body with a value head" : "a copy of its body with a value head";
        w.Line(BaseReference
            ? $"// Models: {PolicyOrigin}; the reference is its base (adapters off), the value model {valueOrigin}."
            : $"// Models: {PolicyOrigin}; the reference is a frozen copy of it, the value model {valueOrigin}.");
        EmitPolicy(w, "prompts.Train");
        if (!BaseReference) w.Line("using var reference = policy.FrozenCopy();");
        Reward.EmitSetUp(w);
        w.Line($"using var valueModel = run.NewValueModel({(Reward.IsModel ? RewardCode.ModelLocal : "policy")});");
        EmitEvalContext(w, AdaptiveKl
                ? "the implicit reward at the starting β (β·log π/π_ref ranks alike for every β)"
                : "the implicit reward β·log π/π_ref of the KL-regularised objective", "policy",
            $"new {Evaluation}.ImplicitReward(policy, new {Models}.{(BaseReference ? "BaseModelReference(policy)" : "LiveReference(reference)")}, klCoefficient)", TokenizePairs("heldOutPairs"));
    }

    public override void EmitOptimizers(CodeWriter w)
    {
        w.Line("// The schedules count updates: PpoEpochs × MiniBatches of them per step.");
        w.Line("const int updatesPerStep = PpoEpochs * MiniBatches;");
        w.Line("using var optimizer = run.AdamW(policy, learningRate, WarmupSteps * updatesPerStep, steps * updatesPerStep, WeightDecay, MaxGradNorm);");
        w.Line("using var valueOptimizer = run.AdamW(valueModel, learningRate, WarmupSteps * updatesPerStep, steps * updatesPerStep, WeightDecay, MaxGradNorm);");
        w.Line(MiniBatchCount > 1
            ? "// Rollouts sample, and epochs shuffle, from their own seeded generator, so a run repeats."
            : "// Rollouts sample from their own seeded generator, so a run repeats.");
        w.Line("var generator = new global::TorchSharp.torch.Generator((ulong)run.Seed, run.Device);");
        if (AdaptiveKl)
        {
            w.Line("// β starts at KlCoefficient (or --beta) and follows the adaptive controller toward TargetKl; checkpoints hold it.");
            w.Line("var klController = new global::AlignDsl.Training.AdaptiveKlController(klCoefficient, TargetKl, KlHorizon);");
        }
        if (Guards is not { } g) return;
        w.Line("// PPO's failure modes, watched at each metrics read and evaluation: KL explosion, reward hacking, collapse.");
        w.Line("var guards = run.Guards(new global::AlignDsl.Guards.GuardSettings");
        w.Line("{");
        w.Indent();
        w.Line($"MaxKl = {Literal(g.MaxKl)}, KlGrowthFactor = {Literal(g.KlGrowthFactor)}, Window = {Literal(g.Window)}, MinEntropy = {Literal(g.MinEntropy)},");
        w.Line($"MinDistinctRatio = {Literal(g.MinDistinctRatio)}, MaxLengthGrowth = {Literal(g.MaxLengthGrowth)}, MaxJudgeDrop = {Literal(g.MaxJudgeDrop)},");
        w.Line($"Action = global::AlignDsl.GuardAction.{g.Action},");
        w.Outdent();
        w.Line("});");
    }

    /// <summary>The guards' bounds, or null when they are declared off.</summary>
    private Model.GuardsModel? Guards => Experiment.Guards is { Action: not "Off" } g ? g : null;

    public override void EmitAfterStep(CodeWriter w)
    {
        if (Guards is null) return;
        w.Line(Guards.Action == "Halt"
            ? "// The guards read what this step logged and evaluated; one that fires halts the run, keeping a checkpoint of this step."
            : "// The guards read what this step logged and evaluated; one that fires warns (console, summary.json, report.md).");
        w.Line("guards.Check(step, state, KeepCheckpoints);");
    }

    public override string TrainingStateParts =>
        ".Add(\"policy\", policy, optimizer).Add(\"valueModel\", valueModel, valueOptimizer).Add(\"generator\", generator)"
        + (AdaptiveKl ? ".Add(\"klController\", klController)" : "");

    public override void EmitStepCall(CodeWriter w)
    {
        w.Line("long tokens;");
        w.Line("// Everything a step allocates on the device is freed when its scope closes.");
        w.Line("using (global::TorchSharp.torch.NewDisposeScope())");
        w.Line($"    tokens = TrainStep({TrainStepModels}, batch, {KlArgument}, generator, optimizer, valueOptimizer, metrics);");
        w.Line("run.Report(step, metrics, tokens, LogEvery, optimizer);");
    }

    public override void EmitTrainStep(CodeWriter w)
    {
        var summary = (RolloutsPerPrompt > 1 ? "One PPO step: RolloutsPerPrompt answers to each prompt and their scores;" : "One PPO step: a rollout from the policy and its scores;")
            + " advantages from the KL-penalised rewards and the value model, all without gradients; then "
            + (MiniBatchCount > 1 ? "PpoEpochs passes over the rollout, one clipped update of policy and value model per mini-batch."
                : "PpoEpochs clipped updates of policy and value model on the same rollout.");
        w.Line("/// <summary>");
        foreach (var line in Wrap(summary, 114)) w.Line("/// " + line);
        w.Line("/// </summary>");
        w.Line($"private static long TrainStep({Models}.Policy policy, {(BaseReference ? "" : $"{Models}.Policy reference, ")}{Models}.ValueModel valueModel, {Reward.Parameter},");
        w.Line($"    global::System.Collections.Generic.IReadOnlyList<string> prompts, {(AdaptiveKl ? "global::AlignDsl.Training.AdaptiveKlController klController" : "double klCoefficient")}, global::TorchSharp.torch.Generator generator,");
        w.Line("    global::AlignDsl.Training.Optimizer optimizer, global::AlignDsl.Training.Optimizer valueOptimizer, global::AlignDsl.Reporting.MetricSet metrics)");
        w.OpenBrace();
        w.Line($"var rollout = global::AlignDsl.Training.Rollout.Sample(policy, prompts, MaxNewTokens, MaxLength, generator{(RolloutsPerPrompt > 1 ? ", RolloutsPerPrompt" : "")});");
        w.Line("var mask = rollout.Batch.LossMask;");
        if (AdaptiveKl) w.Line("var klCoefficient = klController.Value;");
        w.Line("global::TorchSharp.torch.Tensor oldLogProbs, oldValues;");
        w.Line($"{Objectives}.PpoAdvantages advantages;");
        w.Line("using (global::TorchSharp.torch.no_grad())");
        w.OpenBrace();
        if (PenalisesMissingEos)
        {
            w.Line("// An answer cut at the token budget before its end of sequence loses MissingEosPenalty.");
            w.Line($"var scores = {Objectives}.Ppo.PenaliseMissingEos({Reward.Scores("rollout")}, rollout.MissingEos(), MissingEosPenalty);");
        }
        else w.Line($"var scores = {Reward.Scores("rollout")};");
        w.Line("oldLogProbs = policy.TokenLogProbs(rollout.Batch);");
        w.Line("oldValues = valueModel.Values(rollout.Batch);");
        w.Line($"advantages = {Objectives}.Ppo.Advantages(scores, oldLogProbs, {RolloutReferenceLogProbs}, oldValues, mask, klCoefficient, Gamma, Lambda);");
        w.CloseBrace();
        w.Line("// The rollout's entropy, share of distinct answers and answer length, which the failure-mode guards read.");
        w.Line("metrics.Add(global::AlignDsl.Guards.RolloutFigures.Of(rollout, oldLogProbs));");
        if (AdaptiveKl)
        {
            w.Line("// The β this rollout was penalised with; the controller moves it by the rollout's KL for the next one.");
            w.Line("metrics.Add(klController.Metrics(mask.device));");
            w.Line("klController.Update(advantages.Kl);");
        }
        w.Line("for (var epoch = 0; epoch < PpoEpochs; epoch++)");
        w.OpenBrace();
        if (MiniBatchCount > 1)
        {
            w.Line("// Each epoch shuffles the rollout's rows with the sampling generator and updates once per mini-batch.");
            w.Line("foreach (var rows in global::AlignDsl.Training.MiniBatches.Shuffled(rollout, MiniBatches, generator))");
            w.OpenBrace();
            w.Line("// Each update frees what it allocates, so a step holds one mini-batch's activations at a time;");
            w.Line("// its gradient norms are logged before they go.");
            w.Line("using var update = global::TorchSharp.torch.NewDisposeScope();");
            w.Line("var part = global::AlignDsl.Training.MiniBatches.Select(rollout.Batch, rows);");
            EmitUpdate(w, "part", "oldLogProbs.index_select(0, rows)", "advantages.Rows(rows)", "oldValues.index_select(0, rows)", "part.LossMask");
            EmitGradNorms(w);
            w.CloseBrace();
        }
        else EmitUpdate(w, "rollout.Batch", "oldLogProbs", "advantages", "oldValues", "mask");
        w.CloseBrace();
        w.Line("metrics.Add(advantages.Metrics());");
        if (MiniBatchCount == 1) EmitGradNorms(w);
        w.Line("return rollout.TokenCount;");
        w.CloseBrace();
    }

    private static void EmitGradNorms(CodeWriter w)
    {
        w.Line("metrics.Add(\"grad_norm\", optimizer.GradNorm);");
        w.Line("metrics.Add(\"val/grad_norm\", valueOptimizer.GradNorm);");
    }

    /// <summary>One clipped update of policy and value model on <paramref name="batch"/> and its slices of the rollout's tensors.</summary>
    private static void EmitUpdate(CodeWriter w, string batch, string oldLogProbs, string advantages, string oldValues, string mask)
    {
        w.Line("optimizer.ZeroGrad();");
        w.Line("valueOptimizer.ZeroGrad();");
        w.Line($"var ppo = {Objectives}.Ppo.Loss(policy.TokenLogProbs({batch}), {oldLogProbs}, {advantages},");
        w.Line($"    valueModel.Values({batch}), {oldValues}, {mask}, ClipRange, ValueClipRange, ValueCoefficient);");
        w.Line("ppo.Loss.backward();");
        w.Line("optimizer.ClipAndStep();");
        w.Line("valueOptimizer.ClipAndStep();");
        w.Line("// Metrics stay on the device; the run reads them every LogEvery steps.");
        w.Line("metrics.Add(ppo);");
    }
}
