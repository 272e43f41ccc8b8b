using AlignDsl.Declarations;

namespace AlignDsl;

/// <summary>The optimisation settings of an experiment: AdamW with linear warm-up, cosine decay and gradient clipping.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TrainingAttribute : Attribute
{
    public int Steps { get; set; } = Defaults.Steps;
    public int BatchSize { get; set; } = Defaults.BatchSize;
    public double LearningRate { get; set; } = Defaults.LearningRate;
    public int WarmupSteps { get; set; } = Defaults.WarmupSteps;
    public double WeightDecay { get; set; } = Defaults.WeightDecay;
    public double MaxGradNorm { get; set; } = Defaults.MaxGradNorm;

    /// <summary>Sequences (prompt and completion) are cut to this many tokens.</summary>
    public int MaxLength { get; set; } = Defaults.MaxLength;

    /// <summary>Evaluate every this many steps besides before and after training; 0 means only before and after.</summary>
    public int EvalEvery { get; set; } = Defaults.EvalEvery;

    /// <summary>Read metrics from the device and write them every this many steps.</summary>
    public int LogEvery { get; set; } = Defaults.LogEvery;

    public int Seed { get; set; } = Defaults.Seed;

    /// <summary>
    /// Save a checkpoint (weights, optimiser and schedule, RNG states, metric window) every this many steps, for
    /// <c>--resume</c>; 0 means only at the last step, which is always saved.
    /// </summary>
    public int CheckpointEvery { get; set; } = Defaults.CheckpointEvery;

    /// <summary>How many of the newest checkpoints a run keeps while it trains.</summary>
    public int KeepCheckpoints { get; set; } = Defaults.KeepCheckpoints;

    /// <summary>The precision weights and activations are computed in; master weights and optimiser state stay fp32.</summary>
    public Precision Precision { get; set; } = Defaults.Precision;

    /// <summary>Recompute each block's activations in the backward pass instead of keeping them: less memory, more time.</summary>
    public bool GradientCheckpointing { get; set; }

    /// <summary>
    /// Batch examples of like length (sorted within windows of 8 batches, the batches in seeded random order), so fewer
    /// positions are padding; the losses are those of the padded batches. It changes which examples share a batch.
    /// </summary>
    public bool BucketByLength { get; set; }

    /// <summary>libtorch's CPU threads; 0 chooses by model size: one under 4 million parameters, else one per core (docs/architecture.md, "CPU threads").</summary>
    public int Threads { get; set; } = Defaults.Threads;
}
