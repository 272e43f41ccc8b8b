namespace AlignDsl.Generators.Emitting;

/// <summary>IPO: DPO's data and models, a squared loss on length-averaged log-ratios.</summary>
internal sealed class IpoEmitter(Model.ExperimentModel experiment) : ReferenceObjectiveEmitter(experiment)
{
    public override string Summary =>
        "IPO: (h − 1/(2β))², h the difference of the length-averaged log-ratios of chosen and rejected. Resident: " +
        Resident;

    public override void EmitTrainStep(CodeWriter w)
    {
        EmitStepSignature(w, "One IPO step: log-probs of chosen and rejected rows in one forward pass per model, averaged per token in the loss.",
            $"{Models}.Policy policy, {ReferenceParameter}");
        w.OpenBrace();
        w.Line("optimizer.ZeroGrad();");
        w.Line("var (policyChosen, policyRejected) = policy.CompletionLogProbs(batch, meanLogits: true).SplitPairs();");
        EmitReferenceLogProbs(w, "referenceChosen", "referenceRejected");
        w.Line($"var ipo = {Objectives}.Dpo.Ipo(policyChosen, policyRejected, referenceChosen, referenceRejected, beta);");
        EmitOptimiserStep(w, "ipo");
        EmitLogitMetrics(w, "policyChosen", "policyRejected");
        w.CloseBrace();
    }
}
