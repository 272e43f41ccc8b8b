using AlignDsl;
using AlignDsl.Data;

namespace MemoryBenchmark;

// The same policy under three objectives. The model is larger than the QuickStart's so that its weights, gradients
// and optimiser state stand out above the runtime's own memory; no evaluation, so only training is measured.

[Experiment("memory-simpo")]
[Policy(Layers = 4, ModelDim = 512, Heads = 8, Context = 64)]
[SimPo]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 20, BatchSize = 16, LearningRate = 1e-5, LogEvery = 10)]
public partial class MemorySimPo;

[Experiment("memory-dpo")]
[Policy(Layers = 4, ModelDim = 512, Heads = 8, Context = 64)]
[Dpo]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 20, BatchSize = 16, LearningRate = 1e-5, LogEvery = 10)]
public partial class MemoryDpo;

[Experiment("memory-dpo-precomputed")]
[Policy(Layers = 4, ModelDim = 512, Heads = 8, Context = 64)]
[Dpo(PrecomputeReferenceLogProbs = true)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 20, BatchSize = 16, LearningRate = 1e-5, LogEvery = 10)]
public partial class MemoryDpoPrecomputed;
