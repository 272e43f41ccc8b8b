using AlignDsl.Data;

namespace AlignDsl;

/// <summary>
/// Trains on the built-in gym: seeded synthetic data with known ground truth. The objective decides the shape
/// taken from it (demonstrations for SFT, preference pairs for DPO).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GymDataAttribute(GymTask task) : Attribute
{
    public GymTask Task { get; } = task;
}
