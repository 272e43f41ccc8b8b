namespace AlignDsl.Models.Lora;

/// <summary>
/// Low-rank adapters (LoRA): each targeted projection W gains ΔW = (α / r) · B·A with A [r, in] and B [out, r], B starting
/// at zero so training starts from the base model. <see cref="Targets"/> are module names such as <c>q_proj</c> or <c>c_attn</c>.
/// </summary>
public sealed record LoraSettings(int Rank, double Alpha, double Dropout, IReadOnlyList<string> Targets)
{
    public double Scale => Alpha / Rank;

    /// <summary>Checks the values before any model is touched; the message names the setting.</summary>
    public void Validate()
    {
        if (Rank <= 0) throw new ArgumentException($"LoRA Rank must be positive (got {Rank}).");
        if (Alpha <= 0) throw new ArgumentException($"LoRA Alpha must be positive (got {Alpha}).");
        if (Dropout is < 0 or >= 1) throw new ArgumentException($"LoRA Dropout must be in [0, 1) (got {Dropout}).");
        if (Targets.Count == 0) throw new ArgumentException("LoRA Targets must name at least one module, e.g. q_proj,v_proj.");
    }
}
