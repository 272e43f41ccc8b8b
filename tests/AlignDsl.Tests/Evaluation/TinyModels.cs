using AlignDsl.Data;
using AlignDsl.Evaluation;
using AlignDsl.Models;
using AlignDsl.Tokenization;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Evaluation;

/// <summary>Tiny untrained policies over the gym's vocabulary, and evaluation contexts around them.</summary>
internal static class TinyModels
{
    public const int MaxLength = 64;

    /// <summary>Short answers keep the sampling suites' tests quick.</summary>
    public const int MaxNewTokens = 8;

    public static Gym Gym { get; } = new(GymTask.HelpfulHarmless, 0);

    public static CompactTokenizer Tokenizer { get; } = CompactTokenizer.FromCorpus(Gym.Corpus());

    public static Policy Policy(int seed)
    {
        random.manual_seed(seed);
        return new Policy(new TinyGpt(new ModelConfig(1, 16, 2, MaxLength, Tokenizer.VocabularySize)), Tokenizer, CPU);
    }

    /// <summary>A frozen copy of <paramref name="policy"/> with Gaussian noise added to every weight.</summary>
    public static Policy Perturbed(Policy policy, double noise, int seed)
    {
        var copy = policy.FrozenCopy();
        random.manual_seed(seed);
        using var _ = no_grad();
        foreach (var parameter in copy.Parameters()) parameter.add_(randn_like(parameter) * noise);
        return copy;
    }

    public static EvalContext Context(Policy? policy, IPreferenceScorer scorer, Policy? baseline = null) =>
        new(policy, scorer, PreferenceData.Tokenize(Gym.Pairs().HeldOut, scorer.Tokenizer, MaxLength), Gym.Probes(), 1, CPU)
        {
            Baseline = baseline,
            MaxLength = MaxLength,
            MaxNewTokens = MaxNewTokens,
        };
}
