using AlignDsl.Models.Lora;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AlignDsl.Models.Architectures;

/// <summary>A linear layer (<c>weight</c> [out, in], optional <c>bias</c>) that can carry a LoRA adapter: Llama's projections.</summary>
internal sealed class Projection : Module<Tensor, Tensor>, ILoraTarget
{
    // Field names are the registered tensor names (Hugging Face's).
    private readonly Parameter weight;
    private readonly Parameter? bias;

    public Projection(long inFeatures, long outFeatures, bool hasBias) : base(nameof(Projection))
    {
        // Initialised as nn.Linear is. The scope frees the Linear's weights and their views at once (see Conv1D).
        using (var scope = NewDisposeScope())
        {
            using var linear = Linear(inFeatures, outFeatures, hasBias);
            weight = Parameter(linear.weight!.detach().clone());
            bias = hasBias ? Parameter(linear.bias!.detach().clone()) : null;
            scope.Detach(bias is null ? [weight] : [weight, bias]);
        }
        RegisterComponents();
    }

    public LoraAdapter? Adapter { get; private set; }

    public override Tensor forward(Tensor x)
    {
        var y = nn.functional.linear(x, weight, bias);
        return Adapter?.Delta(x, training) is { } delta ? y + delta : y;
    }

    public LoraAdapter Attach(LoraSettings settings) =>
        Adapter = LoraAdapter.AttachTo(this, Adapter, weight.shape[1], weight.shape[0], weight, settings);

    public void Merge() => Adapter?.MergeInto(weight, inOutLayout: false);

    public Tensor MergedWeight() => Adapter is { Merged: false } a ? weight.detach() + a.WeightDelta().detach() : weight.detach();
}
