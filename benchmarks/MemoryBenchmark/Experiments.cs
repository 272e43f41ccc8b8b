using AlignDsl;
using AlignDsl.Data;

namespace MemoryBenchmark;

// The same policy under several objectives and settings. The model is larger than the QuickStart's so that its weights,
// gradients and optimiser state stand out above the runtime's own memory; no evaluation, so only training is measured.
// A few steps suffice: the peak is reached in the first.

[Experiment("memory-sft")]
[Policy(Layers = 4, ModelDim = 512, Heads = 8, Context = 64)]
[Sft]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 4, BatchSize = 16, LearningRate = 1e-5, LogEvery = 2)]
public partial class MemorySft;

[Experiment("memory-simpo")]
[Policy(Layers = 4, ModelDim = 512, Heads = 8, Context = 64)]
[SimPo]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 4, BatchSize = 16, LearningRate = 1e-5, LogEvery = 2)]
public partial class MemorySimPo;

[Experiment("memory-dpo")]
[Policy(Layers = 4, ModelDim = 512, Heads = 8, Context = 64)]
[Dpo]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 4, BatchSize = 16, LearningRate = 1e-5, LogEvery = 2)]
public partial class MemoryDpo;

[Experiment("memory-dpo-precomputed")]
[Policy(Layers = 4, ModelDim = 512, Heads = 8, Context = 64)]
[Dpo(PrecomputeReferenceLogProbs = true)]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 4, BatchSize = 16, LearningRate = 1e-5, LogEvery = 2)]
public partial class MemoryDpoPrecomputed;

[Experiment("memory-dpo-bf16")]
[Policy(Layers = 4, ModelDim = 512, Heads = 8, Context = 64)]
[Dpo]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 4, BatchSize = 16, LearningRate = 1e-5, LogEvery = 2, Precision = Precision.Bf16)]
public partial class MemoryDpoBf16;

[Experiment("memory-dpo-checkpointing")]
[Policy(Layers = 4, ModelDim = 512, Heads = 8, Context = 64)]
[Dpo]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 4, BatchSize = 16, LearningRate = 1e-5, LogEvery = 2, GradientCheckpointing = true)]
public partial class MemoryDpoCheckpointing;

[Experiment("memory-dpo-lora")]
[Policy(Layers = 4, ModelDim = 512, Heads = 8, Context = 64)]
[Dpo]
[Lora(Rank = 16, Alpha = 32, Dropout = 0, Targets = "c_attn,c_proj")]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 4, BatchSize = 16, LearningRate = 1e-5, LogEvery = 2)]
public partial class MemoryDpoLora;
