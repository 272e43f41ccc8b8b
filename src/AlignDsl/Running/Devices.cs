using static TorchSharp.torch;

namespace AlignDsl.Running;

/// <summary>Turns <c>--device auto|cpu|cuda</c> into a device, with a clear error when CUDA is asked for but absent.</summary>
public static class Devices
{
    public static Device Resolve(string choice)
    {
        NativeTorch.EnsureLoaded();
        return Choose(choice);
    }

    private static Device Choose(string choice) => choice.ToLowerInvariant() switch
    {
        "auto" => cuda.is_available() ? CUDA : CPU,
        "cpu" => CPU,
        "cuda" => cuda.is_available() ? CUDA
            : throw new ArgumentException("--device cuda was asked for, but no CUDA device is available (build with -p:TorchBackend=cuda-linux or cuda-windows, on a machine with a GPU)."),
        _ => throw new ArgumentException($"--device must be auto, cpu or cuda (got '{choice}')."),
    };
}
