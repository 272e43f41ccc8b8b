using AlignDsl.Declarations;

namespace AlignDsl;

/// <summary>
/// SimPO on pairs, reference-free: −log σ(β·(avg log π(y_w) − avg log π(y_l)) − γ). Resident: the policy only.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SimPoAttribute : Attribute
{
    public double Beta { get; set; } = Defaults.SimPoBeta;

    /// <summary>The target reward margin; left out, it is 0.5·β as the SimPO paper suggests.</summary>
    public double Gamma { get; set; } = double.NaN;

    /// <summary>Weight of an added NLL term on the chosen answers (CPO-SimPO); 0 for none.</summary>
    public double SftWeight { get; set; }
}
