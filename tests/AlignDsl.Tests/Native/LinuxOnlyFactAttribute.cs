namespace AlignDsl.Tests.Native;

/// <summary>A fact that only means something on Linux: elsewhere it is reported as skipped, never as passed.</summary>
public sealed class LinuxOnlyFactAttribute : FactAttribute
{
    public LinuxOnlyFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "Linux only: the libstdc++ fix-up and libLibTorchSharp.so exist only there.";
    }
}
