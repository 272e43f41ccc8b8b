using AlignDsl.Declarations;

namespace AlignDsl;

/// <summary>
/// IPO on pairs: (h − 1/(2β))², h the difference of the length-averaged log-ratios log π/π_ref of chosen and rejected.
/// Resident: the policy and a frozen reference (or its precomputed log-probs).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class IpoAttribute : Attribute
{
    /// <summary>The regularisation strength: the target log-ratio gap is 1/(2β).</summary>
    public double Beta { get; set; } = Defaults.IpoBeta;

    public bool PrecomputeReferenceLogProbs { get; set; }
}
