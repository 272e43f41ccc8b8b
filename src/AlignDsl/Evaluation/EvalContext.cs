using AlignDsl.Data;
using AlignDsl.Models;

namespace AlignDsl.Evaluation;

/// <summary>
/// What a suite may look at: the policy (none for a reward model), how the experiment's model rewards an answer,
/// held-out pairs and probes, and a seed so sampling is repeatable.
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

    /// <summary>The policy, for suites that sample answers; a reward-model experiment has none.</summary>
    public Policy RequirePolicy(string suite) => Policy
        ?? throw new InvalidOperationException($"{suite} samples answers from a policy, and this experiment trains a reward model, which has none.");
}
