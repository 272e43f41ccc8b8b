namespace AlignDsl;

/// <summary>The distributed engines an experiment can be exported to.</summary>
public enum Engine
{
    /// <summary>Hugging Face TRL on accelerate (DDP, DeepSpeed ZeRO or FSDP): <c>export NAME --to trl</c>.</summary>
    Trl,
}

/// <summary>
/// Marks an experiment meant to run on another engine too: the generator then checks, at compile time, what of the
/// declaration that engine cannot express, and says so. <c>export NAME --to trl --out FOLDER</c> writes the folder.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ExportAttribute : Attribute
{
    public Engine To { get; set; } = Engine.Trl;
}
