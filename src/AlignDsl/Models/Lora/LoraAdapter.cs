using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AlignDsl.Models.Lora;

/// <summary>
/// One projection's adapter: A [r, in] (Kaiming-uniform, as <c>nn.Linear</c> and PEFT start it) and B [out, r] (zeros).
/// The projection registers them as its children <c>lora_A</c> and <c>lora_B</c>, which gives PEFT's tensor names.
/// </summary>
public sealed class LoraAdapter
{
    public LoraAdapter(long inFeatures, long outFeatures, LoraSettings settings)
    {
        A = Linear(inFeatures, settings.Rank, hasBias: false);
        B = Linear(settings.Rank, outFeatures, hasBias: false);
        using (no_grad()) init.zeros_(B.weight!);
        Settings = settings;
    }

    public Linear A { get; }
    public Linear B { get; }
    public LoraSettings Settings { get; }

    /// <summary>Off: the projection computes the base weights alone (DPO's reference without a second copy).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Set once merged into the base weights: the adapter then adds nothing.</summary>
    public bool Merged { get; internal set; }

    /// <summary>(α / r) · B·A(dropout(x)), or nothing when off or merged.</summary>
    public Tensor? Delta(Tensor x, bool training) => !Enabled || Merged
        ? null
        : B.forward(A.forward(nn.functional.dropout(x, Settings.Dropout, training && Settings.Dropout > 0))) * Settings.Scale;

    /// <summary>ΔW [out, in] = (α / r) · B·A.</summary>
    public Tensor WeightDelta() => B.weight!.matmul(A.weight!) * Settings.Scale;

    /// <summary>
    /// A new adapter for a projection, registered as its children <c>lora_A</c> and <c>lora_B</c> on the device and in the
    /// precision of its <paramref name="weight"/> (a bf16 model gets bf16 adapters, which the optimiser trains through fp32 masters).
    /// </summary>
    internal static LoraAdapter AttachTo(Module host, LoraAdapter? existing, long inFeatures, long outFeatures, Tensor weight, LoraSettings settings)
    {
        if (existing is not null) throw new InvalidOperationException("This projection already has a LoRA adapter.");
        var adapter = new LoraAdapter(inFeatures, outFeatures, settings);
        host.register_module("lora_A", adapter.A.to(weight.dtype).to(weight.device));
        host.register_module("lora_B", adapter.B.to(weight.dtype).to(weight.device));
        return adapter;
    }

    /// <summary>Adds ΔW to <paramref name="weight"/> once; <paramref name="inOutLayout"/> for a weight stored [in, out].</summary>
    internal void MergeInto(Parameter weight, bool inOutLayout)
    {
        if (Merged) return;
        using (no_grad()) weight.add_(inOutLayout ? WeightDelta().t() : WeightDelta());
        Merged = true;
    }
}

/// <summary>A projection that can carry a <see cref="LoraAdapter"/>: Llama's linear layers and GPT-2's Conv1D.</summary>
public interface ILoraTarget
{
    LoraAdapter? Adapter { get; }

    /// <summary>Adds an adapter sized to this projection.</summary>
    LoraAdapter Attach(LoraSettings settings);

    /// <summary>Folds the adapter's ΔW into the base weight (in the base weight's own layout).</summary>
    void Merge();

    /// <summary>The base weight with ΔW added, as a new tensor: the merged weight, leaving the projection as it is.</summary>
    Tensor MergedWeight();
}
