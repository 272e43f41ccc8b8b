namespace AlignDsl.Generators.Emitting;

/// <summary>
/// GRPO: each step samples Generations answers per prompt, scores them, takes each answer's advantage relative to its
/// group, and makes Iterations clipped updates of the policy, with β·k3 toward the reference when β &gt; 0. No value model.
/// </summary>
internal sealed class GrpoEmitter(Model.ExperimentModel experiment) : GroupSamplingEmitter(experiment)
{
    private bool DrGrpo => Objective["Loss"] == 1;

    private string Loss => "global::AlignDsl.GrpoLoss." + (DrGrpo ? "DrGrpo" : "Grpo");

    public override string Summary => (DrGrpo ? "Dr. GRPO: clipped policy updates on groups of sampled answers, rewarded by " : "GRPO: clipped policy updates on groups of sampled answers, rewarded by ")
        + Reward.Description + (DrGrpo ? ", advantages r − mean of each prompt's group" : ", advantages (r − mean) / std within each prompt's group")
        + (HasReference ? ", plus β·KL (k3) to the reference per token" : "") + "; no value model. " + ResidentSummary;

    public override void EmitTrainStep(CodeWriter w)
    {
        EmitStepOpening(w,
            "One GRPO step: Generations answers to each prompt and their rewards; each answer's advantage relative to its group" + (HasReference ? "" : ","),
            (HasReference ? "and the reference's log-probs, all without gradients; " : "without gradients; ") + "then Iterations clipped updates of the policy on the same answers.");
        w.Line($"{Objectives}.GroupAdvantages advantages;");
        if (HasReference) w.Line("global::TorchSharp.torch.Tensor referenceLogProbs;");
        var iterations = (int)Objective["Iterations"];
        if (iterations > 1) w.Line("global::TorchSharp.torch.Tensor oldLogProbs;");
        w.Line("using (global::TorchSharp.torch.no_grad())");
        w.OpenBrace();
        w.Line($"advantages = {Objectives}.Grpo.Advantages({Reward.Scores("rollout")}, Generations, {Loss});");
        if (HasReference) w.Line($"referenceLogProbs = {RolloutReferenceLogProbs};");
        if (iterations > 1) w.Line("oldLogProbs = policy.TokenLogProbs(rollout.Batch);");
        w.CloseBrace();
        w.Line("metrics.Add(advantages.Metrics());");
        var reference = HasReference ? "referenceLogProbs" : "null";
        // Without a reference the KL term's weight is the declared 0.
        var beta = HasReference ? BetaVariable : "Beta";
        if (iterations > 1)
        {
            w.Line($"metrics.Add({Objectives}.CompletionFigures.Of(mask, oldLogProbs));");
            w.Line("for (var iteration = 0; iteration < Iterations; iteration++)");
            w.OpenBrace();
            w.Line("optimizer.ZeroGrad();");
            w.Line($"var grpo = {Objectives}.Grpo.Loss(policy.TokenLogProbs(rollout.Batch), oldLogProbs, {reference}, advantages.Advantages, mask,");
            w.Line($"    ClipRange, {beta}, {Loss}, MaxNewTokens);");
            EmitBackwardAndStep(w, "grpo");
            w.CloseBrace();
        }
        else
        {
            w.Line("// One update per rollout: the policy is the rollout policy, so the ratio is 1 and its log-probs serve as the old ones.");
            w.Line("optimizer.ZeroGrad();");
            w.Line("var logProbs = policy.TokenLogProbs(rollout.Batch);");
            w.Line($"metrics.Add({Objectives}.CompletionFigures.Of(mask, logProbs));");
            w.Line($"var grpo = {Objectives}.Grpo.Loss(logProbs, logProbs.detach(), {reference}, advantages.Advantages, mask, ClipRange, {beta}, {Loss}, MaxNewTokens);");
            EmitBackwardAndStep(w, "grpo");
        }
        EmitStepClosing(w);
    }
}
