using AlignDsl.Declarations;

namespace AlignDsl;

/// <summary>
/// ORPO on pairs, reference-free: NLL(y_w) − λ·log σ(log-odds(y_w) − log-odds(y_l)), odds from length-averaged
/// log-probs. Resident: the policy only.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OrpoAttribute : Attribute
{
    /// <summary>Weight of the odds-ratio term against the NLL.</summary>
    public double Lambda { get; set; } = Defaults.OrpoLambda;
}
