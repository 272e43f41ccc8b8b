using AlignDsl.Models;
using AlignDsl.Models.Architectures;
using AlignDsl.Models.Lora;
using AlignDsl.Tests.Models.Pretrained;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Models;

/// <summary>Recomputing each block in the backward pass gives the gradients that keeping its activations gives.</summary>
public sealed class GradientCheckpointTests : IDisposable
{
    private static readonly long[] Ids = [3, 17, 0, 36, 5, 11, 29, 2, 8, 1, 4, 6];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "aligndsl-checkpointing-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    /// <summary>Gradients of a next-token loss, by parameter name, with checkpointing on or off; the seed fixes dropout.</summary>
    private static Dictionary<string, Tensor> Gradients(CausalLM model, bool checkpointing)
    {
        model.GradientCheckpointing = checkpointing;
        model.train();
        foreach (var p in model.parameters()) p.grad = null;
        random.manual_seed(7);
        var ids = tensor(Ids).view(2, -1);
        var logits = model.forward(ids[.., ..^1]);
        nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), ids[.., 1..].reshape(-1)).backward();
        return model.named_parameters().Where(p => p.parameter.grad is not null).ToDictionary(p => p.name, p => p.parameter.grad!.clone());
    }

    private static void AssertSameGradients(CausalLM model)
    {
        var kept = Gradients(model, checkpointing: false);
        var recomputed = Gradients(model, checkpointing: true);
        Assert.NotEmpty(kept);
        Assert.Equal(kept.Keys.Order(), recomputed.Keys.Order());
        foreach (var (name, grad) in kept)
        {
            Assert.True(grad.abs().sum().item<float>() > 0, $"{name} has a zero gradient: the test would prove nothing");
            Assert.True(grad.allclose(recomputed[name], rtol: 1e-5, atol: 1e-6), $"{name}: gradients differ");
        }
    }

    [Fact]
    public void The_gym_gpt_gets_the_same_gradients()
    {
        random.manual_seed(1);
        using var model = new TinyGpt(new ModelConfig(2, 16, 2, 16, 40));
        AssertSameGradients(model);
    }

    [Fact]
    public void Llama_with_lora_adapters_and_dropout_on_a_frozen_base_gets_the_same_adapter_gradients()
    {
        var fixture = HfFixtures.Llama(Path.Combine(_root, "llama"), "llama", ScalarType.Float32, tied: false);
        using var model = PretrainedModels.Load(fixture.Directory);
        LoraAdapters.Apply(model, new LoraSettings(Rank: 2, Alpha: 4, Dropout: 0.3, Targets: ["q_proj", "v_proj", "down_proj"]));
        using (no_grad())
            foreach (var (_, adapter) in LoraAdapters.Of(model)) adapter.B.weight!.copy_(randn_like(adapter.B.weight!) * 0.5);
        AssertSameGradients(model);
    }
}
