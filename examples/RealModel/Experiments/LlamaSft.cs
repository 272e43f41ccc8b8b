using AlignDsl;
using AlignDsl.Chat;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace RealModel;

/// <summary>SFT of a Hugging Face model folder on the gym's conversations, rendered with ChatML: the loss is on the assistant's turns only.</summary>
[Experiment("llama-sft")]
[Policy(Pretrained = BaseModel, ChatTemplate = ChatTemplates.ChatMl)]
[Sft]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 300, BatchSize = 32, LearningRate = 3e-3, WarmupSteps = 20, LogEvery = 50, MaxLength = 64)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
public partial class LlamaSft
{
    /// <summary>Written by Program.cs when missing, relative to the working directory.</summary>
    public const string BaseModel = "models/gym-llama-base";
}
