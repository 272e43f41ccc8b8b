using AlignDsl.Data;
using AlignDsl.Models;

namespace AlignDsl.Evaluation;

/// <summary>
/// What a suite may look at: the policy, the reference when the objective has one (with its β, so implicit
/// rewards are on the training scale), held-out pairs and probes, and a seed so sampling is repeatable.
/// </summary>
public sealed record EvalContext(
    Policy Policy,
    Policy? Reference,
    double? Beta,
    PreferenceData HeldOutPairs,
    IReadOnlyList<Probe> Probes,
    int Seed)
{
    /// <summary>Samples drawn per probe prompt; rates are over all of them.</summary>
    public int SamplesPerProbe { get; init; } = 4;

    public int MaxNewTokens { get; init; } = 24;
}
