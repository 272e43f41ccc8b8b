using TorchSharp;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Native;

/// <summary>TorchSharp's natives load in the test host: on Debian 12 this only works after the build's libstdc++ fix-up.</summary>
public sealed class TorchSharpLoadTests
{
    [Fact]
    public void Tensors_autograd_and_attention_run()
    {
        var x = tensor(new float[] { 1, 2, 3 }, requires_grad: true);
        (x * x).sum().backward();
        Assert.Equal(new float[] { 2, 4, 6 }, x.grad!.data<float>().ToArray());

        var q = ones(1, 1, 2, 4);
        var attention = nn.functional.scaled_dot_product_attention(q, q, q, null, 0.0, true);
        Assert.Equal(new long[] { 1, 1, 2, 4 }, attention.shape);
    }

    [LinuxOnlyFact]
    public void The_native_library_in_the_output_folder_is_the_one_loaded()
    {
        var native = Directory.GetFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories);
        Assert.NotEmpty(native);
        // The fallback copies unpatched natives into a cpu/ folder beside the app; it must never have been needed.
        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "cpu")), "TorchSharp fell back to copying natives from the NuGet cache.");
        Assert.Equal(6.0f, tensor(new float[] { 1, 2, 3 }).sum().item<float>());
    }
}
