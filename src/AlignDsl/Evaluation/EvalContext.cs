using AlignDsl.Data;
using AlignDsl.Judging;
using AlignDsl.Models;

namespace AlignDsl.Evaluation;

/// <summary>
/// What a suite may look at: the policy (none for a reward model), how the experiment's model rewards an answer,
/// held-out pairs and probes, the judge, the model to compare against, and a seed so sampling is repeatable.
/// </summary>
public sealed record EvalContext(
    Policy? Policy,
    IPreferenceScorer Scorer,
    PreferenceData HeldOutPairs,
    IReadOnlyList<Probe> Probes,
    int Seed,
    TorchSharp.torch.Device Device)
{
    /// <summary>Samples drawn per probe prompt; rates are over all of them.</summary>
    public int SamplesPerProbe { get; init; } = 4;

    public int MaxNewTokens { get; init; } = 24;

    /// <summary>The experiment's MaxLength, for suites that tokenize texts of their own.</summary>
    public int MaxLength { get; init; } = 64;

    /// <summary>Reads answers for the judged suites; the gym's exact judge unless the run configures another.</summary>
    public IJudge Judge { get; init; } = GymJudge.Instance;

    /// <summary>
    /// What the policy is compared with (win rate, KL): the frozen reference, or the policy the run started from.
    /// Null when the experiment has neither (a fresh policy trained by a reference-free objective).
    /// </summary>
    public Policy? Baseline { get; init; }

    /// <summary>Pairs that probe a reward for biases (length, sycophancy); the gym's held-out ones by default.</summary>
    public IReadOnlyList<BiasPair> BiasPairs { get; init; } = [];

    /// <summary>The policy, for suites that sample answers; a reward-model experiment has none.</summary>
    public Policy RequirePolicy(string suite) => Policy
        ?? throw new InvalidOperationException($"{suite} samples answers from a policy, and this experiment trains a reward model, which has none.");

    /// <summary>The model to compare against, for suites that need one.</summary>
    public Policy RequireBaseline(string suite) => Baseline
        ?? throw new InvalidOperationException($"{suite} compares the policy with its reference or starting point, and this experiment has neither: start it from another experiment (InitFrom).");
}
