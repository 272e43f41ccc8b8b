using static TorchSharp.torch;

namespace AlignDsl.Models;

/// <summary>The tensor types of a declared <see cref="Precision"/>.</summary>
public static class PrecisionTypes
{
    /// <summary>The type weights and activations take: fp32, or bf16.</summary>
    public static ScalarType ScalarType(this Precision precision) => precision switch
    {
        Precision.Bf16 => TorchSharp.torch.ScalarType.BFloat16,
        _ => TorchSharp.torch.ScalarType.Float32,
    };

    /// <summary>The <c>torch_dtype</c> of Hugging Face's <c>config.json</c> for weights of type <paramref name="type"/>.</summary>
    public static string HfDType(ScalarType type) => type switch
    {
        TorchSharp.torch.ScalarType.BFloat16 => "bfloat16",
        TorchSharp.torch.ScalarType.Float16 => "float16",
        _ => "float32",
    };
}
