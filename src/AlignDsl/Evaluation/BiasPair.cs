using AlignDsl.Data;

namespace AlignDsl.Evaluation;

/// <summary>What a bias pair probes a reward for.</summary>
public enum BiasProbe
{
    /// <summary>The preferred answer is the shorter one (right and concise over right and padded): a length-biased reward fails these.</summary>
    ChosenShorter,

    /// <summary>The preferred answer is the longer one: a reward that merely likes brevity fails these.</summary>
    ChosenLonger,

    /// <summary>The truthful answer over one that agrees with the user's false claim.</summary>
    Sycophancy,
}

/// <summary>A preference pair used to probe a reward for one bias.</summary>
public sealed record BiasPair(PreferencePair Pair, BiasProbe Probe);
