using static AlignDsl.Generators.Emitting.CodeWriter;

namespace AlignDsl.Generators.Emitting;

/// <summary>Reward model: the policy's body with a scalar head, trained on pairs with the Bradley–Terry loss. No LM head, no reference.</summary>
internal sealed class RewardModelEmitter(Model.ExperimentModel experiment) : ObjectiveEmitter(experiment)
{
    public override string Summary => Objective.RankingWeights
        ? "Reward model (Bradley–Terry, pairs weighted): Σ w·(−log σ(r(chosen) − r(rejected) − margin)) / Σ w, a ranking's pairs weighing 1/C(k,2). Resident: the policy's body with a scalar head."
        : "Reward model (Bradley–Terry): −log σ(r(chosen) − r(rejected) − margin). Resident: the policy's body with a scalar head.";
    public override string TrainedModel => "rewardModel";
    public override string TrainStepModels => "rewardModel";

    public override void EmitSetUp(CodeWriter w)
    {
        EmitPairs(w);
        var policy = Experiment.Policy;
        if (policy.InitFromName is { } parent)
        {
            w.Line($"// Model: the body starts from {Comment(parent)}'s trained policy; a scalar head on the last token replaces the LM head.");
            w.Line($"using var rewardModel = run.LoadRewardModelBody({ExperimentEmitter.Quote(parent)});");
        }
        else if (policy.Pretrained is { } folder)
        {
            w.Line($"// Model: the pretrained model in {Comment(folder)} as the body, with a fresh scalar head on the last token; no LM head.");
            w.Line($"using var rewardModel = run.LoadPretrainedRewardModel(PretrainedFolder{(policy.ChatTemplate is null ? "" : ", ChatTemplate")});");
        }
        else
        {
            w.Line("// Model: a fresh tiny GPT body with a scalar head on the last token; no LM head.");
            w.Line($"using var rewardModel = run.NewRewardModel(PolicySize, {Data}.Texts.Of(pairs.Train));");
        }
        if (policy.IsPretrained)
            w.Line("// The pairs, written in the gym's user/assistant frame, are rendered with the model's chat template, as its policy reads them.");
        if (Experiment.Lora is not null)
        {
            w.Line("// LoRA: low-rank adapters on the body's targeted projections; the body is frozen, so the adapters and the head train.");
            w.Line("run.AddLora(rewardModel, LoraRank, LoraAlpha, LoraDropout, LoraTargets);");
        }
        w.Line($"var train = {TokenizePairs("pairs.Train", "rewardModel")};");
        EmitEvalContext(w, "the reward model's scalar reward", "policy: null", $"new {Evaluation}.ExplicitReward(rewardModel)", TokenizePairs("pairs.HeldOut", "rewardModel"));
    }

    public override void EmitTrainStep(CodeWriter w)
    {
        EmitStepSignature(w, "One reward-model step: chosen and rejected rows scored in one forward pass, then the Bradley–Terry loss.",
            $"{Models}.RewardModel rewardModel");
        w.OpenBrace();
        w.Line("optimizer.ZeroGrad();");
        w.Line($"var (chosenRewards, rejectedRewards) = {Data}.Halves.Split(rewardModel.Rewards(batch));");
        // A JSONL file of pairs may carry their own margins (TRL's margin column); rankings, annotations and the gym have none.
        var margins = Experiment.Data is { Kind: Model.DataKindModel.Jsonl, Shape: "Pairs" or "FromObjective" } ? "batch.Margins" : null;
        if (margins is not null) w.Line("// A pair's own margin from the data replaces the declared Margin.");
        if (Objective.RankingWeights)
        {
            w.Line("// Each pair weighs its weight: 1/C(k,2) for the pairs of a ranking of k responses, so every ranked prompt counts once.");
            w.Line($"var rm = {Objectives}.RewardModelLoss.BradleyTerry(chosenRewards, rejectedRewards, Margin, CenterRewards, batch.Weights{(margins is null ? "" : $", {margins}")});");
        }
        else
        {
            w.Line($"var rm = {Objectives}.RewardModelLoss.BradleyTerry(chosenRewards, rejectedRewards, Margin, CenterRewards{(margins is null ? "" : $", margins: {margins}")});");
        }
        EmitOptimiserStep(w, "rm");
        w.CloseBrace();
    }
}
