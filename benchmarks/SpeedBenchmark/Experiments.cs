using AlignDsl;
using AlignDsl.Data;

namespace SpeedBenchmark;

// The QuickStart's DPO at its shape (2 layers × 96, batch 16 pairs, 48 tokens), from a fresh policy and without
// evaluation suites, so that only training steps are timed; its batches are bucketed by length.
[Experiment("speed-dpo")]
[Policy(Layers = 2, ModelDim = 96, Heads = 4, Context = 64)]
[Dpo(Beta = 0.1)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 60, BatchSize = 16, LearningRate = 3e-5, MaxLength = 48, LogEvery = 20, CheckpointEvery = 0, BucketByLength = true)]
public partial class SpeedDpo;
