using AlignDsl.Catalogue;

namespace AlignDsl.Rules;

/// <summary>
/// The memory of one training step beyond the resident models. A generated step runs inside one dispose scope, so every
/// tensor its forward passes create stays alive until the step ends, gradients on or off: each forward pass of the step
/// (the trained model's, and a live reference's) holds its blocks' intermediates and its logits. Added to that, a
/// constant for the runtime's own working memory. Terms and constants are stated and checked against measured peaks in
/// docs/memory.md. Shared as source with the generator.
/// </summary>
public static class ActivationEstimate
{
    /// <summary>
    /// The working memory of a training process beyond its tensors (JIT-compiled code, libtorch's kernels and thread
    /// pools, data and tokenizer), measured by the memory benchmark as the part of the peak no term explains (the median
    /// over its experiments).
    /// </summary>
    public const long RuntimeBytes = 90L << 20;

    /// <summary>
    /// Elements a block creates per token, in units of its width d and MLP width: GPT-2's norms, fused q/k/v,
    /// attention output and its reshaped copy, projections and residual sums (11·d), and the MLP's hidden layer before
    /// and after GELU with its projection's input (3·inner). Llama adds rotated q and k (13·d) and its SwiGLU keeps gate,
    /// silu(gate), up, their product and the projection's input (5·inner).
    /// </summary>
    public static long BlockElementsPerToken(bool llama, long width, long inner) => llama ? 13 * width + 5 * inner : 11 * width + 3 * inner;

    /// <summary>
    /// Vocabulary-wide buffers per row and token of a pass that reads the language-model head: the logits, their fp32
    /// log-softmax, and (trained) the two gradients the backward pass makes of them. bf16 adds the fp32 copy of the logits.
    /// </summary>
    public static int LogitBuffers(bool trained, Precision precision) => (trained ? 4 : 2) + (precision == Precision.Bf16 ? 1 : 0);

    /// <summary>
    /// Forward passes one step keeps alive: each trained model's (the language-model head read unless it is a scalar-head
    /// model); a reference the objective runs on every batch adds its pass (a frozen copy, or with LoRA the same model with
    /// adapters off) unless its log-probs were precomputed.
    /// </summary>
    public static IReadOnlyList<(bool Trained, bool LanguageHead)> ForwardPasses(ObjectiveEntry objective, bool precomputeReference)
    {
        var roles = objective.Residents(new ResidentOptions(precomputeReference, Lora: false, RewardModel: false));
        var passes = roles.Where(r => r.Trainable).Select(r => (true, r.Size == ModelSize.Policy)).ToList();
        if (objective.Reference == ReferenceUse.Frozen && roles.Any(r => r.Role == ObjectiveCatalogue.ReferenceRole)) passes.Add((false, true));
        return passes;
    }

    /// <param name="objective">The objective's catalogue entry.</param>
    /// <param name="tokens">Tokens per row (MaxLength).</param>
    /// <param name="checkpointing">Gradient checkpointing: a trained pass keeps each block's input and one block's intermediates at a time.</param>
    public static long Bytes(ObjectiveEntry objective, bool precomputeReference, int batchSize, int tokens, int layers, long width, long inner, long vocabulary,
        Precision precision, bool checkpointing, bool llama = false)
    {
        var rowTokens = (long)batchSize * objective.RowsPerExample * tokens;
        var block = BlockElementsPerToken(llama, width, inner);
        var elementBytes = MemoryEstimate.WeightBytes(precision);
        long total = RuntimeBytes;
        foreach (var (trained, head) in ForwardPasses(objective, precomputeReference))
        {
            var blocks = trained && checkpointing ? layers * width + 2 * block : layers * block;
            total += rowTokens * blocks * elementBytes;
            if (head) total += rowTokens * vocabulary * LogitBuffers(trained, precision) * 4;
        }
        return total;
    }
}
