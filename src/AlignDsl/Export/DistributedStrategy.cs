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
    /// Bytes one GPU holds for one of <paramref name="experiment"/>'s resident models under the strategy, from the
    /// experiment's own estimate (its precision and LoRA): the weights (sharded by ZeRO-3 and FSDP), and what training adds
    /// to them, gradients, AdamW moments and bf16's fp32 masters (sharded from ZeRO-2).
    /// </summary>
    public static long BytesPerGpu(ExperimentDescriptor experiment, ResidentModel model, DistributedStrategy strategy, int gpus)
    {
        if (gpus < 1) throw new ArgumentOutOfRangeException(nameof(gpus), gpus, "at least one GPU");
        var weights = (double)model.Parameters * Rules.MemoryEstimate.WeightBytes(experiment.Precision);
        var training = experiment.EstimatedBytes(model) - weights;
        var shardsWeights = strategy is DistributedStrategy.Zero3 or DistributedStrategy.Fsdp;
        var shardsState = strategy != DistributedStrategy.Ddp;
        // Frozen models (reference, reward model) are sharded by ZeRO-3/FSDP like the rest when the trainer wraps them.
        var total = (shardsWeights ? weights / gpus : weights) + (shardsState ? training / gpus : training);
        return (long)Math.Ceiling(total);
    }
}
