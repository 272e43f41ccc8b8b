using AlignDsl;
using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace RealModel;

/// <summary>
/// DPO on the SFT model, read as any downloaded model is, from a Hugging Face folder (<see cref="SftModel"/>: llama-sft's
/// checkpoint, published there with its ChatML template), with LoRA adapters on the attention projections, in bf16: the reference is the same model with
/// its adapters switched off, so no second copy is held. The checkpoint is the merged model plus the adapters in PEFT's layout.
/// The learning rate is the adapters': at 3e-4 and above this small model's answers degenerate (most become unclassifiable)
/// while its preference accuracy still rises, DPO's over-optimisation, which the results table shows.
/// </summary>
[Experiment("llama-dpo-lora")]
[Policy(Pretrained = SftModel)]
[Dpo(Beta = 0.1)]
[Lora(Rank = 16, Alpha = 32, Dropout = 0, Targets = "q_proj,k_proj,v_proj,o_proj")]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 120, BatchSize = 16, LearningRate = 1e-4, WarmupSteps = 10, LogEvery = 20, MaxLength = 64, Precision = Precision.Bf16)]
[EvalSuite(typeof(PreferenceAccuracy)), EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal))]
public partial class LlamaDpoLora
{
    /// <summary>Where Program.cs publishes llama-sft's model, relative to the working directory.</summary>
    public const string SftModel = "models/gym-llama-sft";
}
