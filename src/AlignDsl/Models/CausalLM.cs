using System.Text.Json.Nodes;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AlignDsl.Models;

/// <summary>
/// A decoder-only language model whose parameter names are the Hugging Face tensor names of its architecture, so its
/// weights load from and save to a model folder by name. The gym's <see cref="TinyGpt"/> is one; the architectures
/// read from <c>config.json</c> (<see cref="Architectures.PretrainedModels"/>) are the others.
/// </summary>
public abstract class CausalLM(string name) : Module<Tensor, Tensor>(name)
{
    /// <summary>Layers, width, heads, context and vocabulary: the shape the loops and the cache need.</summary>
    public abstract ModelConfig Config { get; }

    /// <summary>The Hugging Face class name written to <c>config.json</c>'s <c>architectures</c>, e.g. <c>LlamaForCausalLM</c>.</summary>
    public abstract string Architecture { get; }

    /// <summary>The prefix of the body's tensor names (<c>model</c>, <c>transformer</c>): a sequence-classification head shares it.</summary>
    public abstract string BodyPrefix { get; }

    /// <summary>Logits [batch, time, vocabulary] for token ids [batch, time].</summary>
    public override Tensor forward(Tensor ids) => Forward(ids, cache: null);

    /// <summary>With a cache, <paramref name="ids"/> are the next positions after those already cached.</summary>
    public Tensor Forward(Tensor ids, KvCache? cache) => Logits(Hidden(ids, cache));

    /// <summary>The final-norm hidden states [batch, time, dim]: what a scalar head reads instead of the vocabulary projection.</summary>
    public abstract Tensor Hidden(Tensor ids, KvCache? cache = null);

    /// <summary>The final-norm hidden state [batch, dim] of the last of <paramref name="ids"/>: what predicts the next token.</summary>
    public virtual Tensor LastHidden(Tensor ids, KvCache? cache = null) => Hidden(ids, cache).select(1, -1);

    /// <summary>The vocabulary projection of hidden states.</summary>
    public abstract Tensor Logits(Tensor hidden);

    /// <summary>The floating-point type of the weights: fp32, or bf16 for a model trained in <see cref="Precision.Bf16"/>.</summary>
    public ScalarType DType => parameters().First().dtype;

    /// <summary>
    /// Recompute each block's activations in the backward pass instead of keeping them (<see cref="GradientCheckpoint"/>):
    /// less memory for more compute. Only training passes (gradients on, no cache) are affected.
    /// </summary>
    public bool GradientCheckpointing { get; set; }

    /// <summary>A new model of the same architecture and shape (its weights are not copied).</summary>
    public abstract CausalLM NewOfSameShape();

    /// <summary>The content of <c>config.json</c> for this model as a causal LM.</summary>
    public abstract JsonObject HfConfig();

    /// <summary>
    /// Parameters by Hugging Face name; a tied output projection appears once, as the embedding. LoRA adapters are not
    /// among them: they save apart, in PEFT's layout, or merge into these.
    /// </summary>
    public IReadOnlyDictionary<string, Parameter> HfParameters() => named_parameters()
        .Where(p => !p.name.Contains(".lora_A.", StringComparison.Ordinal) && !p.name.Contains(".lora_B.", StringComparison.Ordinal))
        .ToDictionary(p => p.name, p => p.parameter);

    /// <summary>Stored tensors a checkpoint may hold that are no parameters here (e.g. GPT-2's saved attention masks).</summary>
    public virtual bool IsIgnoredTensor(string name) => false;

    /// <summary>A trainable copy with the same weights. A model with LoRA adapters is refused: its base is the model with them switched off.</summary>
    public CausalLM Copy()
    {
        if (modules().OfType<Lora.ILoraTarget>().Any(t => t.Adapter is not null))
            throw new InvalidOperationException($"This {Architecture} carries LoRA adapters and cannot be copied: switch them off (LoraAdapters.Disabled) for the base model, or merge them, save and load the result.");
        var copy = NewOfSameShape();
        copy.to(DType);
        copy.load_state_dict(state_dict());
        copy.GradientCheckpointing = GradientCheckpointing;
        return copy;
    }

    /// <summary>Whether LoRA adapters are attached (<see cref="Lora.LoraAdapters.Apply"/>).</summary>
    public bool HasAdapters => modules().OfType<Lora.ILoraTarget>().Any(t => t.Adapter is not null);

    /// <summary>
    /// A trainable copy of the base weights: the model with its LoRA adapters switched off (for a model without adapters,
    /// the same as <see cref="Copy"/>). Taken before training, while the adapters' B is still zero, that is the model itself.
    /// </summary>
    public CausalLM BaseCopy()
    {
        var copy = NewOfSameShape();
        var weights = HfParameters();
        using (TorchSharp.torch.no_grad())
            foreach (var (name, p) in copy.HfParameters()) p.copy_(weights[name]);
        return copy;
    }

    /// <summary>A copy with the same weights, frozen (no gradients, eval mode). A model with LoRA adapters is refused, as by <see cref="Copy"/>.</summary>
    public CausalLM FrozenCopy() => Freeze(Copy());

    /// <summary>A frozen copy of the base weights (<see cref="BaseCopy"/>), adapters or not.</summary>
    public CausalLM FrozenBaseCopy() => Freeze(BaseCopy());

    private static CausalLM Freeze(CausalLM copy)
    {
        foreach (var p in copy.parameters()) p.requires_grad = false;
        copy.eval();
        return copy;
    }

    /// <summary>One block on <paramref name="x"/>: recomputed in the backward pass when checkpointing a training pass.</summary>
    protected Tensor Block(Tensor x, KvCache? cache, Func<Tensor, Tensor> block) =>
        GradientCheckpointing && cache is null && is_grad_enabled() ? GradientCheckpoint.Run(x, block) : block(x);

    /// <summary>Checks <paramref name="time"/> new tokens fit the context and the cache rule; returns the position of the first.</summary>
    protected long StartPosition(long time, KvCache? cache)
    {
        var start = cache?.Length ?? 0;
        if (start + time > Config.Context)
            throw new ArgumentException($"Sequence of {start + time} tokens exceeds the model's context of {Config.Context}.");
        if (start > 0 && time > 1) throw new NotSupportedException("After the prompt, the cache takes one token at a time.");
        return start;
    }
}
