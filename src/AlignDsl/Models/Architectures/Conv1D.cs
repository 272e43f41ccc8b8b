using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AlignDsl.Models.Architectures;

/// <summary>GPT-2's linear layer: the weight is stored [in, out] (the transpose of <c>nn.Linear</c>'s), y = x·W + b.</summary>
internal sealed class Conv1D : Module<Tensor, Tensor>
{
    // Field names are the registered tensor names (Hugging Face's).
    private readonly Parameter weight, bias;

    public Conv1D(long inFeatures, long outFeatures) : base(nameof(Conv1D))
    {
        // Built through nn.Linear so initialisation draws the same random numbers as a Linear layer of this size.
        using var linear = Linear(inFeatures, outFeatures);
        weight = Parameter(linear.weight!.detach().t().contiguous());
        bias = Parameter(linear.bias!.detach().clone());
        RegisterComponents();
    }

    public Parameter Weight => weight;

    public override Tensor forward(Tensor x)
    {
        var shape = x.shape[..^1].Append(weight.shape[1]).ToArray();
        return addmm(bias, x.reshape(-1, x.shape[^1]), weight, 1, 1).view(shape);
    }

    /// <summary>Normal(0, std) initialisation drawn in [out, in] order, as for a Linear layer of the same size.</summary>
    public void InitNormal(double std)
    {
        using var _ = no_grad();
        using var drawn = empty(weight.shape[1], weight.shape[0]).normal_(0, std);
        weight.copy_(drawn.t());
    }
}
