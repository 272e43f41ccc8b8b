namespace AlignDsl.Generators.Emitting;

/// <summary>DPO (sigmoid with label smoothing, or hinge): chosen and rejected go through each model in one pass.</summary>
internal sealed class DpoEmitter(Model.ExperimentModel experiment) : ReferenceObjectiveEmitter(experiment)
{
    public override string Summary => Objective.Hinge
        ? "DPO, hinge loss: max(0, 1 − β·[log π/π_ref(chosen) − log π/π_ref(rejected)]). Resident: " + Resident
        : "Direct Preference Optimisation: −log σ(β·[log π/π_ref(chosen) − log π/π_ref(rejected)]). Resident: " + Resident;

    /// <summary>The hinge loss has no label smoothing.</summary>
    protected override bool Uses(AlignDsl.Catalogue.ObjectiveSetting setting) => !(Objective.Hinge && setting.Name == "LabelSmoothing");

    public override void EmitTrainStep(CodeWriter w)
    {
        EmitStepSignature(w, Precomputed
            ? "One DPO step: the policy scores chosen and rejected rows in one forward pass; the reference's are looked up."
            : "One DPO step: chosen and rejected rows go through each model in one forward pass; the reference without gradients.",
            $"{Models}.Policy policy, {ReferenceParameter}");
        w.OpenBrace();
        w.Line("optimizer.ZeroGrad();");
        w.Line("var (policyChosen, policyRejected) = policy.CompletionLogProbs(batch, meanLogits: true).SplitPairs();");
        EmitReferenceLogProbs(w, "referenceChosen", "referenceRejected");
        w.Line(Objective.Hinge ? $"var dpo = {Objectives}.Dpo.Hinge(" : $"var dpo = {Objectives}.Dpo.Sigmoid(");
        w.Line(Objective.Hinge
            ? "    policyChosen.Sum, policyRejected.Sum, referenceChosen.Sum, referenceRejected.Sum, beta);"
            : "    policyChosen.Sum, policyRejected.Sum, referenceChosen.Sum, referenceRejected.Sum, beta, LabelSmoothing);");
        EmitOptimiserStep(w, "dpo");
        EmitLogitMetrics(w, "policyChosen", "policyRejected");
        w.CloseBrace();
    }
}
