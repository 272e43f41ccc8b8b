using static TorchSharp.torch;

namespace AlignDsl.Objectives;

/// <summary>
/// A figure over some of a batch's rows (KTO's desirable ones, say): the sum of its values and how many rows it
/// summed, both device scalars. A logging window reports Σ sums / Σ counts, so every row weighs the same whatever its
/// batch held, and reports nothing when no row of the kind came: a batch without any is not a zero.
/// </summary>
public sealed record PooledMean(string Name, Tensor Sum, Tensor Count);

/// <summary>The difference of two pooled means over the same window, reported only when both are (KTO's <c>rewards/margins</c>).</summary>
public sealed record MeanDifference(string Name, string Of, string Minus);
