using AlignDsl.Declarations;

namespace AlignDsl;

/// <summary>
/// KTO on unpaired feedback: desirable rows λ_D·(1 − σ(β(r − z))), undesirable λ_U·(1 − σ(β(z − r))), r the log-ratio
/// log π/π_ref and z a detached KL baseline from mismatched prompt/completion pairs. Resident: policy and reference.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class KtoAttribute : Attribute
{
    public double Beta { get; set; } = Defaults.KtoBeta;
    public double DesirableWeight { get; set; } = Defaults.KtoDesirableWeight;
    public double UndesirableWeight { get; set; } = Defaults.KtoUndesirableWeight;
    public bool PrecomputeReferenceLogProbs { get; set; }
}
