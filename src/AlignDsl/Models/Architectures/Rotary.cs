using TorchSharp;
using static TorchSharp.torch;

namespace AlignDsl.Models.Architectures;

/// <summary>
/// Rotary position embeddings in Hugging Face's rotate-half layout: the head's first and second halves form the
/// pairs rotated by θ_i = position · rope_theta^(−2i/d). The cos and sin of every position of the context are computed
/// once (per device and type), so a forward pass, and each sampled token, only takes a narrow view of them.
/// </summary>
internal sealed class Rotary(int headDim, double theta, long context) : IDisposable
{
    private Tensor? _cos, _signedSin;
    private (ScalarType Type, DeviceType Device, int Index) _key;

    /// <summary>cos and sin [time, headDim] for positions start … start + time − 1, in <paramref name="type"/>; sin's first half negated (see <see cref="Apply"/>).</summary>
    public (Tensor Cos, Tensor SignedSin) Angles(long start, long time, ScalarType type, Device device)
    {
        if (_cos is null || _key != (type, device.type, device.index)) Build(type, device);
        return (_cos!.narrow(0, start, time), _signedSin!.narrow(0, start, time));
    }

    /// <summary>
    /// x · cos + rotate_half(x) · sin for x [batch, heads, time, headDim]. rotate_half(x) = [−x₂, x₁] is x rolled by half
    /// a head, [x₂, x₁], times the sign the table's sin carries: the same products, exactly, in fewer operations.
    /// </summary>
    public Tensor Apply(Tensor x, Tensor cos, Tensor signedSin) => x * cos + x.roll(headDim / 2, -1) * signedSin;

    private void Build(ScalarType type, Device device)
    {
        Dispose();
        // Built outside any caller's dispose scope (the tables outlive the pass) and outside inference mode (training reads them).
        using var _ = inference_mode(false);
        using var scope = NewDisposeScope();
        var exponents = arange(0, headDim, 2, ScalarType.Int64, device).to_type(ScalarType.Float32) / headDim;
        var inverse = 1.0 / tensor(theta, ScalarType.Float32, device).pow(exponents);
        var angles = outer(arange(0, context, 1, ScalarType.Int64, device).to_type(ScalarType.Float32), inverse);
        var both = cat([angles, angles], -1);
        // The angles are fp32; a bf16 model rotates in bf16 so attention sees one dtype.
        var sign = cat([full(headDim / 2, -1f, ScalarType.Float32, device), ones(headDim / 2, ScalarType.Float32, device)]);
        _cos = both.cos().to_type(type).DetachFromDisposeScope();
        _signedSin = (both.sin() * sign).to_type(type).DetachFromDisposeScope();
        _key = (type, device.type, device.index);
    }

    public void Dispose()
    {
        _cos?.Dispose();
        _signedSin?.Dispose();
        (_cos, _signedSin) = (null, null);
    }
}
