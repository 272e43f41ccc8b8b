namespace AlignDsl.Generators.Emitting;

/// <summary>KTO: unpaired feedback; each batch carries its rows and their mismatched twins for the KL baseline.</summary>
internal sealed class KtoEmitter(Model.ExperimentModel experiment) : ReferenceObjectiveEmitter(experiment)
{
    public override string Summary =>
        "KTO on unpaired feedback: λ_D·(1 − σ(β(r − z))) for desirable rows, λ_U·(1 − σ(β(z − r))) for undesirable ones. Resident: " +
        Resident;

    public override void EmitSetUp(CodeWriter w)
    {
        if (Experiment.Data!.SplitPairsIntoFeedback)
        {
            w.Lines(DataComment("preference pairs"));
            w.Line("// KTO splits each pair: the chosen answer is desirable, the rejected one undesirable.");
            w.Line($"var feedback = {Data}.Feedback.FromPairs({ReadSplit("Pairs", "ReadPairs")});");
        }
        else
        {
            w.Lines(DataComment("unpaired feedback"));
            w.Line($"var feedback = {ReadSplit("Feedback", "ReadFeedback")};");
        }
        w.Line($"var heldOutPairs = run.Gym({Data}.GymTask.HelpfulHarmless).Pairs().HeldOut;");
        w.Line();
        w.Line($"// Models: {PolicyOrigin}; the reference is {(BaseReference ? "its base, with the LoRA adapters switched off" : "a frozen copy of it")}.");
        EmitPolicy(w, "feedback.Train");
        w.Line($"var train = {Data}.FeedbackData.Tokenize({Rendered("feedback.Train")}, policy.Tokenizer, MaxLength);");
        w.Line($"var heldOut = {TokenizePairs("heldOutPairs")};");
        EmitReference(w, "heldOut");
        EmitEvalContext(w, "the implicit reward β·log π/π_ref", "policy", ImplicitReward, "heldOut");
    }

    public override void EmitTrainStep(CodeWriter w)
    {
        EmitStepSignature(w,
            "One KTO step: each row and its mismatched twin (another row's completion) in one forward pass per model; the twins give the KL baseline.",
            $"{Models}.Policy policy, {ReferenceParameter}");
        w.OpenBrace();
        w.Line("optimizer.ZeroGrad();");
        w.Line("var (policyMatched, policyMismatched) = policy.CompletionLogProbs(batch).SplitPairs();");
        EmitReferenceLogProbs(w, "referenceMatched", "referenceMismatched");
        w.Line($"var kto = {Objectives}.Kto.Loss(policyMatched.Sum, referenceMatched.Sum, batch.Labels!,");
        w.Line("    policyMismatched.Sum, referenceMismatched.Sum, beta, DesirableWeight, UndesirableWeight);");
        EmitOptimiserStep(w, "kto");
        w.CloseBrace();
    }
}
