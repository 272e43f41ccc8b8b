using AlignDsl.Models.Lora;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AlignDsl.Models.Architectures;

/// <summary>GPT-2's linear layer: the weight is stored [in, out] (the transpose of <c>nn.Linear</c>'s), y = x·W + b.</summary>
internal sealed class Conv1D : Module<Tensor, Tensor>, ILoraTarget
{
    // Field names are the registered tensor names (Hugging Face's).
    private readonly Parameter weight, bias;

    public Conv1D(long inFeatures, long outFeatures) : base(nameof(Conv1D))
    {
        // Built through nn.Linear so initialisation draws the same random numbers as a Linear layer of this size. The scope
        // frees the Linear's weights and the views of them at once: left to the garbage collector, they would keep a second
        // copy of every weight resident long after the model is built.
        using (var scope = NewDisposeScope())
        {
            using var linear = Linear(inFeatures, outFeatures);
            weight = Parameter(linear.weight!.detach().t().contiguous());
            bias = Parameter(linear.bias!.detach().clone());
            scope.Detach(weight, bias);
        }
        RegisterComponents();
    }

    public LoraAdapter? Adapter { get; private set; }

    /// <summary>Rows [n, in] take one fused product (what the blocks pass); other shapes are flattened to rows and back.</summary>
    public override Tensor forward(Tensor x)
    {
        var y = x.dim() == 2 ? addmm(bias, x, weight, 1, 1) : Rows(x);
        return Adapter?.Delta(x, training) is { } delta ? y + delta : y;
    }

    private Tensor Rows(Tensor x)
    {
        var shape = x.shape[..^1].Append(weight.shape[1]).ToArray();
        return addmm(bias, x.reshape(-1, x.shape[^1]), weight, 1, 1).view(shape);
    }

    /// <summary>Normal(0, std) initialisation drawn in [out, in] order, as for a Linear layer of the same size.</summary>
    public void InitNormal(double std)
    {
        using var _ = no_grad();
        // The drawn matrix and its transposed view are freed here, not when the garbage collector comes by.
        using var scope = NewDisposeScope();
        weight.copy_(empty(weight.shape[1], weight.shape[0]).normal_(0, std).t());
    }

    public LoraAdapter Attach(LoraSettings settings) =>
        Adapter = LoraAdapter.AttachTo(this, Adapter, weight.shape[0], weight.shape[1], weight, settings);

    public void Merge() => Adapter?.MergeInto(weight, inOutLayout: true);

    public Tensor MergedWeight() => Adapter is { Merged: false } a ? weight.detach() + a.WeightDelta().detach().t() : weight.detach();
}
