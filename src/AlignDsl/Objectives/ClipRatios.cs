using static TorchSharp.torch;

namespace AlignDsl.Objectives;

/// <summary>
/// TRL's <c>clip_ratio/*</c> figures of a clipped surrogate: the share of terms whose ratio left [1 − ε, 1 + ε] on the side
/// where the clip stops the gradient (below with a negative advantage, above with a positive one), and either.
/// </summary>
public static class ClipRatios
{
    /// <param name="ratio">π/π_old per term (a token for GRPO, an answer for RLOO).</param>
    /// <param name="advantages">Each term's advantage, broadcastable to <paramref name="ratio"/>.</param>
    /// <param name="mask">Which terms count, broadcastable to <paramref name="ratio"/>.</param>
    public static IEnumerable<(string Name, Tensor Value)> Of(Tensor ratio, Tensor advantages, Tensor mask, double clipRange)
    {
        using var _ = no_grad();
        var r = ratio.detach();
        var low = ((r < 1 - clipRange) & (advantages < 0)).to(ScalarType.Float32);
        var high = ((r > 1 + clipRange) & (advantages > 0)).to(ScalarType.Float32);
        var weights = mask.expand_as(r);
        yield return ("clip_ratio/low_mean", Ppo.MaskedMean(low, weights));
        yield return ("clip_ratio/high_mean", Ppo.MaskedMean(high, weights));
        yield return ("clip_ratio/region_mean", Ppo.MaskedMean(maximum(low, high), weights));
    }
}
