namespace AlignDsl.Generators.Emitting;

/// <summary>SFT: the policy alone, trained on the negative log-likelihood of completion tokens.</summary>
internal sealed class SftEmitter(Model.ExperimentModel experiment) : ObjectiveEmitter(experiment)
{
    public override string Summary => "Supervised fine-tuning: maximise log π(completion | prompt) over completion tokens. Resident: the policy.";
    public override string TrainStepModels => "policy";

    public override void EmitSetUp(CodeWriter w)
    {
        w.Lines(DataComment("demonstrations"));
        w.Line($"var demonstrations = {ReadSplit("Demonstrations", "ReadDemonstrations")};");
        w.Line($"var heldOutPairs = run.Gym({Data}.GymTask.HelpfulHarmless).Pairs().HeldOut;");
        w.Line();
        w.Line($"// Models: {PolicyOrigin}.");
        EmitPolicy(w, "demonstrations.Train");
        w.Line($"var train = {Data}.DemonstrationData.Tokenize({Rendered("demonstrations.Train")}, policy.Tokenizer, MaxLength);");
        EmitEvalContext(w, "the policy's mean log-prob per token", "policy", $"new {Evaluation}.MeanLogProbReward(policy)", TokenizePairs("heldOutPairs"));
    }

    public override void EmitTrainStep(CodeWriter w)
    {
        EmitStepSignature(w, "One SFT step: a forward pass, the completion-token NLL, backward, clip, AdamW.", $"{Models}.Policy policy");
        w.OpenBrace();
        w.Line("optimizer.ZeroGrad();");
        w.Line($"var sft = {Objectives}.Sft.Nll(policy.CompletionLogProbs(batch));");
        EmitOptimiserStep(w, "sft");
        w.CloseBrace();
    }
}
