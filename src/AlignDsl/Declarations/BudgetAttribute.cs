namespace AlignDsl;

/// <summary>
/// A memory budget for training, on an experiment or on the whole assembly (an experiment's own wins). The generator
/// estimates each experiment's training memory from its model size and resident models and reports ALIGN024 when
/// the estimate exceeds the budget, naming the objectives that would fit.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Assembly, Inherited = false)]
public sealed class BudgetAttribute : Attribute
{
    /// <summary>Accelerator memory available for training, in GiB.</summary>
    public double GpuMemoryGiB { get; set; }
}
