using AlignDsl.Declarations;

namespace AlignDsl;

/// <summary>
/// Train low-rank adapters (LoRA) on a frozen policy instead of all its weights: each targeted projection W gains
/// (Alpha / Rank)·B·A. With LoRA, a reference objective's reference is the base model with the adapters switched off,
/// so no second copy is held. Adapters save in PEFT's layout beside the merged model.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LoraAttribute : Attribute
{
    public int Rank { get; set; } = Defaults.LoraRank;
    public double Alpha { get; set; } = Defaults.LoraAlpha;
    public double Dropout { get; set; } = Defaults.LoraDropout;

    /// <summary>Comma-separated module names the adapters wrap, as PEFT's <c>target_modules</c> (e.g. <c>q_proj,v_proj</c>, or GPT-2's <c>c_attn</c>).</summary>
    public string Targets { get; set; } = Defaults.LoraTargets;
}
