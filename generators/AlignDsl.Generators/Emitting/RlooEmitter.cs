namespace AlignDsl.Generators.Emitting;

/// <summary>
/// RLOO: each step samples Generations answers per prompt, scores them minus β·Σ log π/π_ref (TRL's per-answer KL
/// penalty), takes each answer's advantage against the mean of the other answers to its prompt, and makes Iterations
/// clipped updates of the policy on whole-answer ratios. No value model.
/// </summary>
internal sealed class RlooEmitter(Model.ExperimentModel experiment) : GroupSamplingEmitter(experiment)
{
    public override string Summary => "RLOO: clipped policy updates on groups of sampled answers, rewarded by " + Reward.Description
        + (HasReference ? " minus β·Σ log π/π_ref per answer" : "") + ", each answer's baseline the mean reward of the others to its prompt; no value model. "
        + ResidentSummary;

    public override void EmitTrainStep(CodeWriter w)
    {
        EmitStepOpening(w,
            "One RLOO step: Generations answers to each prompt and their rewards" + (HasReference ? ", less β times each answer's KL to the reference;" : ";"),
            "leave-one-out advantages, all without gradients; then Iterations clipped updates of the policy on the same answers.");
        var advantages = HasReference
            ? $"{Objectives}.Rloo.Advantages({Reward.Scores("rollout")}, oldLogProbs, {RolloutReferenceLogProbs}, mask, Generations, {BetaVariable})"
            : $"{Objectives}.Rloo.Advantages({Reward.Scores("rollout")}, oldLogProbs, null, mask, Generations, Beta)";
        if ((int)Objective["Iterations"] == 1)
        {
            w.Line("// One update per rollout: the policy is the rollout policy, so the ratio is 1 and its log-probs serve as the old ones.");
            w.Line("optimizer.ZeroGrad();");
            w.Line("var logProbs = policy.TokenLogProbs(rollout.Batch);");
            w.Line("var oldLogProbs = logProbs.detach();");
            w.Line($"{Objectives}.RlooAdvantages advantages;");
            w.Line("using (global::TorchSharp.torch.no_grad())");
            w.Line($"    advantages = {advantages};");
            EmitRolloutMetrics(w);
            w.Line($"var rloo = {Objectives}.Rloo.Loss(logProbs, oldLogProbs, advantages.Advantages, mask, ClipRange);");
            EmitBackwardAndStep(w, "rloo");
        }
        else
        {
            w.Line("global::TorchSharp.torch.Tensor oldLogProbs;");
            w.Line($"{Objectives}.RlooAdvantages advantages;");
            w.Line("using (global::TorchSharp.torch.no_grad())");
            w.OpenBrace();
            w.Line("oldLogProbs = policy.TokenLogProbs(rollout.Batch);");
            w.Line($"advantages = {advantages};");
            w.CloseBrace();
            EmitRolloutMetrics(w);
            w.Line("for (var iteration = 0; iteration < Iterations; iteration++)");
            w.OpenBrace();
            w.Line("optimizer.ZeroGrad();");
            w.Line($"var rloo = {Objectives}.Rloo.Loss(policy.TokenLogProbs(rollout.Batch), oldLogProbs, advantages.Advantages, mask, ClipRange);");
            EmitBackwardAndStep(w, "rloo");
            w.CloseBrace();
        }
        EmitStepClosing(w);
    }

    private static void EmitRolloutMetrics(CodeWriter w)
    {
        w.Line("metrics.Add(advantages.Metrics());");
        w.Line($"metrics.Add({Objectives}.CompletionFigures.Of(mask, oldLogProbs));");
    }
}
