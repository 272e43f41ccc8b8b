using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AlignDsl.Models.Architectures;

/// <summary>RMSNorm as Llama computes it: x / √(mean(x²) + ε) in fp32, then scaled by <c>weight</c>.</summary>
internal sealed class RmsNorm : Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly double _epsilon;

    public RmsNorm(long dim, double epsilon) : base(nameof(RmsNorm))
    {
        weight = Parameter(ones(dim));
        _epsilon = epsilon;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var x32 = x.to_type(ScalarType.Float32);
        var normed = x32 * rsqrt(x32.pow(2).mean([-1], keepdim: true) + _epsilon);
        return weight * normed.to_type(x.dtype);
    }
}
