namespace AlignDsl.Generators.Emitting;

/// <summary>What SimPO and ORPO share: pairs, the policy alone (no reference is ever built), mean-log-prob rewards.</summary>
internal abstract class ReferenceFreeEmitter(Model.ExperimentModel experiment) : ObjectiveEmitter(experiment)
{
    public override string TrainStepModels => "policy";

    public override void EmitSetUp(CodeWriter w)
    {
        EmitPairs(w);
        w.Line($"// Model: {PolicyOrigin}. No reference model: the objective does not need one.");
        EmitPolicy(w, "pairs.Train");
        w.Line($"var train = {TokenizePairs("pairs.Train")};");
        EmitEvalContext(w, "the policy's mean log-prob per token", "policy", $"new {Evaluation}.MeanLogProbReward(policy)", TokenizePairs("pairs.HeldOut"));
    }

    public override void EmitTrainStep(CodeWriter w)
    {
        EmitStepSignature(w, $"One {Kind.ToUpperInvariant()} step: chosen and rejected rows in one forward pass of the policy.", $"{Models}.Policy policy");
        w.OpenBrace();
        w.Line("optimizer.ZeroGrad();");
        w.Line("var (chosen, rejected) = policy.CompletionLogProbs(batch, meanLogits: true).SplitPairs();");
        w.Line(LossCall);
        EmitOptimiserStep(w, Kind.ToLowerInvariant());
        EmitLogitMetrics(w, "chosen", "rejected");
        w.CloseBrace();
    }

    /// <summary>The line declaring the loss output, named after the objective.</summary>
    protected abstract string LossCall { get; }
}

/// <summary>SimPO: length-normalised rewards with a target margin γ.</summary>
internal sealed class SimPoEmitter(Model.ExperimentModel experiment) : ReferenceFreeEmitter(experiment)
{
    public override string Summary => "SimPO: −log σ(β·(mean log π(chosen) − mean log π(rejected)) − γ). Resident: the policy only.";

    protected override string LossCall => $"var simpo = {Objectives}.SimPo.Loss(chosen, rejected, beta, Gamma, SftWeight);";
}

/// <summary>ORPO: NLL on the chosen answer plus a log-odds-ratio term.</summary>
internal sealed class OrpoEmitter(Model.ExperimentModel experiment) : ReferenceFreeEmitter(experiment)
{
    public override string Summary => "ORPO: NLL(chosen) − λ·log σ(log-odds(chosen) − log-odds(rejected)). Resident: the policy only.";

    protected override string LossCall => $"var orpo = {Objectives}.Orpo.Loss(chosen, rejected, Lambda);";
}
