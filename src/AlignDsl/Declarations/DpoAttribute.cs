using AlignDsl.Declarations;

namespace AlignDsl;

/// <summary>
/// Direct Preference Optimisation on pairs: −log σ(β·[(log π(y_w) − log π_ref(y_w)) − (log π(y_l) − log π_ref(y_l))]).
/// Resident: the policy (trainable) and a frozen reference, a copy of the starting policy.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DpoAttribute : Attribute
{
    /// <summary>Strength of the implicit KL constraint to the reference. The seed's range is 0.1 to 0.5.</summary>
    public double Beta { get; set; } = Defaults.DpoBeta;

    /// <summary>Conservative DPO: the assumed probability ε that a label is flipped, in [0, 0.5).</summary>
    public double LabelSmoothing { get; set; } = Defaults.LabelSmoothing;

    /// <summary>Sigmoid (the DPO paper's) or hinge (SLiC's): max(0, 1 − h).</summary>
    public DpoLoss Loss { get; set; } = DpoLoss.Sigmoid;

    /// <summary>Score the data with the reference once before training and free it: each step then runs the policy only.</summary>
    public bool PrecomputeReferenceLogProbs { get; set; }
}

/// <summary>The DPO loss shapes; IPO is its own objective, <see cref="IpoAttribute"/>.</summary>
public enum DpoLoss { Sigmoid, Hinge }
