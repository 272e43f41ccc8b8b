using AlignDsl.Chat;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace AlignDsl.Tests.EndToEnd;

// A pretrained model folder in the loops: SFT from a small random Llama written by the test (a byte-level BPE learned
// on the gym, ChatML declared), then DPO with LoRA from that run, which inherits the model, its tokenizer and its template.

[Experiment("test-llama-sft")]
[Policy(Pretrained = PretrainedTests.Folder, ChatTemplate = ChatTemplates.ChatMl)]
[Sft]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 20, BatchSize = 8, LearningRate = 3e-3, WarmupSteps = 2, LogEvery = 5, MaxLength = 64)]
[EvalSuite(typeof(PreferenceAccuracy))]
public partial class TestLlamaSft;

[Experiment("test-llama-dpo")]
[Policy(InitFrom = typeof(TestLlamaSft))]
[Dpo(Beta = 0.1)]
[Lora(Rank = 8, Alpha = 16, Dropout = 0, Targets = "q_proj,v_proj,o_proj")]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 12, BatchSize = 8, LearningRate = 3e-3, WarmupSteps = 1, LogEvery = 2, MaxLength = 64)]
// Sampling suites are left to the example: sampling a Llama token by token is slow on the CPU.
[EvalSuite(typeof(PreferenceAccuracy))]
public partial class TestLlamaDpo;

// A reward model on the same pretrained body, with LoRA adapters and bf16: the body is frozen, the adapters and the head train.
[Experiment("test-llama-rm")]
[Policy(Pretrained = PretrainedTests.Folder, ChatTemplate = ChatTemplates.ChatMl)]
[RewardModel]
[Lora(Rank = 8, Alpha = 16, Dropout = 0, Targets = "q_proj,v_proj")]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 24, BatchSize = 8, LearningRate = 3e-3, WarmupSteps = 2, LogEvery = 4, MaxLength = 64, Precision = Precision.Bf16)]
[EvalSuite(typeof(PreferenceAccuracy))]
[EvalSuite(typeof(RewardModelBias))]
public partial class TestLlamaRewardModel;
