namespace AlignDsl.Generators.Emitting;

/// <summary>
/// What DPO, IPO and KTO share: a frozen reference, either resident and run live on each batch, or scored once before
/// training (<c>PrecomputeReferenceLogProbs</c>) and freed, so that each step runs the policy only. With LoRA the
/// reference is the policy itself with its adapters switched off: no second model.
/// </summary>
internal abstract class ReferenceObjectiveEmitter(Model.ExperimentModel experiment) : ObjectiveEmitter(experiment)
{
    protected bool Precomputed => Objective.PrecomputeReference;

    /// <summary>The reference is the LoRA policy's base, run live with the adapters off.</summary>
    protected bool BaseReference => !Precomputed && Experiment.Lora is not null;

    /// <summary>The resident models, for the class summary.</summary>
    protected string Resident => Precomputed ? "the policy; the reference's log-probs are precomputed."
        : BaseReference ? "the policy with LoRA adapters; the reference is its base, the adapters switched off."
        : "the policy and a frozen reference.";

    public override string TrainStepModels => Precomputed ? "policy, trainReference" : "policy, reference";

    protected override string? LiveReference => Precomputed || BaseReference ? null : "reference";

    protected string ReferenceParameter => Precomputed || BaseReference ? $"{Models}.IReferenceLogProbs reference" : $"{Models}.Policy reference";

    /// <summary>DPO's and IPO's set-up: pairs, the policy, its reference, held-out pairs ranked by the implicit reward.</summary>
    public override void EmitSetUp(CodeWriter w)
    {
        EmitPairs(w);
        w.Line($"// Models: {PolicyOrigin}; the reference is {(BaseReference ? "its base, with the LoRA adapters switched off" : "a frozen copy of it")}.");
        EmitPolicy(w, "pairs.Train");
        w.Line($"var train = {TokenizePairs("pairs.Train")};");
        w.Line($"var heldOut = {TokenizePairs("pairs.HeldOut")};");
        EmitReference(w, "heldOut");
        EmitEvalContext(w, "the implicit reward β·log π/π_ref", "policy", ImplicitReward, "heldOut");
    }

    /// <summary>Declares the reference: the frozen copy, or the precomputed log-probs of the training and held-out data.</summary>
    protected void EmitReference(CodeWriter w, string heldOut)
    {
        if (BaseReference)
        {
            w.Line("// The reference is the policy with its LoRA adapters switched off: no second copy of the model.");
            w.Line($"var reference = new {Models}.BaseModelReference(policy);");
            return;
        }
        if (!Precomputed)
        {
            w.Line("using var reference = policy.FrozenCopy();");
            return;
        }
        w.Line("// The reference scores the training and held-out data once and is freed: each step runs the policy only.");
        w.Line("using var trainReference = run.PrecomputeReference(policy, train.InOrder(BatchSize));");
        w.Line($"using var heldOutReference = run.PrecomputeReference(policy, {heldOut}.InOrder(BatchSize));");
    }

    /// <summary>The implicit-reward scorer for evaluation, against the live or precomputed reference.</summary>
    protected string ImplicitReward => Precomputed ? $"new {Evaluation}.ImplicitReward(policy, heldOutReference, beta)"
        : BaseReference ? $"new {Evaluation}.ImplicitReward(policy, reference, beta)"
        : $"new {Evaluation}.ImplicitReward(policy, new {Models}.LiveReference(reference), beta)";

    /// <summary>Declares <c>referenceFirst</c>/<c>referenceSecond</c> (named by the caller) for the batch's two halves.</summary>
    protected void EmitReferenceLogProbs(CodeWriter w, string first, string second)
    {
        if (Precomputed || BaseReference)
        {
            w.Line($"var ({first}, {second}) = reference.For(batch).SplitPairs();");
            return;
        }
        w.Line($"{Models}.SequenceLogProbs {first}, {second};");
        w.Line("using (global::TorchSharp.torch.no_grad())");
        w.Line($"    ({first}, {second}) = reference.CompletionLogProbs(batch).SplitPairs();");
    }
}
