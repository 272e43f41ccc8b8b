using static TorchSharp.torch;

namespace AlignDsl.Models.Architectures;

/// <summary>
/// Rotary position embeddings in Hugging Face's rotate-half layout: the head's first and second halves form the
/// pairs rotated by θ_i = position · rope_theta^(−2i/d).
/// </summary>
internal static class Rotary
{
    /// <summary>cos and sin [time, headDim] for positions start … start + time − 1.</summary>
    public static (Tensor Cos, Tensor Sin) Angles(long start, long time, int headDim, double theta, Device device)
    {
        var exponents = arange(0, headDim, 2, ScalarType.Int64, device).to_type(ScalarType.Float32) / headDim;
        var inverse = 1.0 / tensor(theta, ScalarType.Float32, device).pow(exponents);
        var angles = outer(arange(start, start + time, 1, ScalarType.Int64, device).to_type(ScalarType.Float32), inverse);
        var both = cat([angles, angles], -1);
        return (both.cos(), both.sin());
    }

    /// <summary>x · cos + rotate_half(x) · sin for x [batch, heads, time, headDim].</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        var half = x.shape[^1] / 2;
        var rotated = cat([-x.narrow(-1, half, half), x.narrow(-1, 0, half)], -1);
        // The angles are fp32; a bf16 model rotates in bf16 so attention sees one dtype.
        return x * cos.to_type(x.dtype) + rotated * sin.to_type(x.dtype);
    }
}
