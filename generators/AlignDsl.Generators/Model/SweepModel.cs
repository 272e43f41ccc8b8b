namespace AlignDsl.Generators.Model;

/// <summary>
/// <c>[Sweep(nameof(Beta), 0.05, 0.1)]</c> as values: the swept setting (an objective setting, or <c>LearningRate</c>) and
/// each value with where it was written.
/// </summary>
internal sealed record SweepModel(string Setting, EquatableArray<SweepValueModel> Values, LocationInfo? Location)
{
    /// <summary>Whether the setting is the training's learning rate rather than one of the objective's.</summary>
    public bool SweepsLearningRate => Setting == "LearningRate";
}

/// <summary>
/// One value of a sweep and where it was written; for an objective setting, every objective value of that member (a
/// derived default such as SimPO's γ = 0.5·β follows the swept value).
/// </summary>
internal sealed record SweepValueModel(double Value, LocationInfo? Location, EquatableArray<double> ObjectiveValues);

/// <summary>A sweep member's place: the sweep's name and declaring class, the setting, this member's value and where it was written.</summary>
internal sealed record SweepPointModel(string Sweep, string DeclaringClass, string Setting, double Value, LocationInfo? ValueLocation);
