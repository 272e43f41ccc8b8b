using AlignDsl.Data;
using AlignDsl.Models;
using AlignDsl.Tokenization;
using static TorchSharp.torch;

namespace AlignDsl.Evaluation;

/// <summary>How an experiment's model rewards each row of a batch: what preference accuracy ranks by.</summary>
public interface IPreferenceScorer
{
    /// <summary>The tokenizer of the scoring model, for suites that score texts of their own.</summary>
    ITokenizer Tokenizer { get; }

    /// <summary>A reward per row [rows]; for a preference batch, chosen rows first.</summary>
    Tensor Rewards(SequenceTensors batch);

    /// <summary>Pairs of the suite's own as the scoring model reads them: rendered with its chat template where it has one.</summary>
    IReadOnlyList<PreferencePair> Render(IReadOnlyList<PreferencePair> pairs) => pairs;
}

/// <summary>DPO's implicit reward, β·(log π − log π_ref): exactly 0 for a policy equal to its reference.</summary>
public sealed class ImplicitReward(Policy policy, IReferenceLogProbs reference, double beta) : IPreferenceScorer
{
    public ITokenizer Tokenizer => policy.Tokenizer;

    public Tensor Rewards(SequenceTensors batch) => beta * (policy.CompletionLogProbs(batch).Sum - reference.For(batch).Sum);

    public IReadOnlyList<PreferencePair> Render(IReadOnlyList<PreferencePair> pairs) => policy.Render(pairs);
}

/// <summary>A reference-free reward: the mean log π per completion token (SimPO's and ORPO's scale, and SFT's).</summary>
public sealed class MeanLogProbReward(Policy policy) : IPreferenceScorer
{
    public ITokenizer Tokenizer => policy.Tokenizer;

    public Tensor Rewards(SequenceTensors batch) => policy.CompletionLogProbs(batch).Mean;

    public IReadOnlyList<PreferencePair> Render(IReadOnlyList<PreferencePair> pairs) => policy.Render(pairs);
}

/// <summary>A reward model's explicit scalar reward.</summary>
public sealed class ExplicitReward(RewardModel rewardModel) : IPreferenceScorer
{
    public ITokenizer Tokenizer => rewardModel.Tokenizer;

    public Tensor Rewards(SequenceTensors batch) => rewardModel.Rewards(batch);

    public IReadOnlyList<PreferencePair> Render(IReadOnlyList<PreferencePair> pairs) => rewardModel.Render(pairs);
}
