namespace AlignDsl.Export;

/// <summary>How <c>accelerate launch</c> spreads training over GPUs.</summary>
public enum DistributedStrategy
{
    /// <summary>Data parallel: every GPU holds the whole model, its gradients and optimiser state.</summary>
    Ddp,

    /// <summary>DeepSpeed ZeRO stage 2: gradients and optimiser state sharded over the GPUs.</summary>
    Zero2,

    /// <summary>DeepSpeed ZeRO stage 3: parameters too.</summary>
    Zero3,

    /// <summary>PyTorch FSDP with full sharding: like ZeRO-3.</summary>
    Fsdp,
}

public static class DistributedStrategies
{
    public static readonly IReadOnlyList<string> Names = ["ddp", "zero2", "zero3", "fsdp"];

    public static DistributedStrategy Parse(string name) => name.ToLowerInvariant() switch
    {
        "ddp" => DistributedStrategy.Ddp,
        "zero2" => DistributedStrategy.Zero2,
        "zero3" => DistributedStrategy.Zero3,
        "fsdp" => DistributedStrategy.Fsdp,
        _ => throw new ArgumentException($"Unknown strategy '{name}': use ddp, zero2, zero3 or fsdp."),
    };

    /// <summary>
    /// Bytes one GPU holds for one model under the strategy, from the estimate's fp32 arithmetic: 4 B/param of weights
    /// (sharded by ZeRO-3 and FSDP), and for a trainable model 4 B of gradients (sharded from ZeRO-2) and 8 B of AdamW
    /// moments (sharded from ZeRO-2; DeepSpeed's fp32 master copy is not counted, as the local run keeps none).
    /// </summary>
    public static long BytesPerGpu(ResidentModel model, DistributedStrategy strategy, int gpus)
    {
        if (gpus < 1) throw new ArgumentOutOfRangeException(nameof(gpus), gpus, "at least one GPU");
        double weights = model.Parameters * 4.0, gradients = model.Trainable ? model.Parameters * 4.0 : 0, moments = model.Trainable ? model.Parameters * 8.0 : 0;
        var shardsWeights = strategy is DistributedStrategy.Zero3 or DistributedStrategy.Fsdp;
        var shardsState = strategy != DistributedStrategy.Ddp;
        // Frozen models (reference, reward model) are sharded by ZeRO-3/FSDP like the rest when the trainer wraps them.
        var total = (shardsWeights ? weights / gpus : weights) + (shardsState ? (gradients + moments) / gpus : gradients + moments);
        return (long)Math.Ceiling(total);
    }
}
