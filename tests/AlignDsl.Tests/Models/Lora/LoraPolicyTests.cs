using AlignDsl.Data;
using AlignDsl.Models;
using AlignDsl.Models.Architectures;
using AlignDsl.Models.Lora;
using AlignDsl.Tests.Training;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Models.Lora;

/// <summary>A policy trained with LoRA: its reference is its base, its checkpoint is the merged model with the adapters beside it.</summary>
public sealed class LoraPolicyTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "aligndsl-lora-policy-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static Policy AdaptedPolicy()
    {
        var policy = RolloutTests.SymbolPolicy(4);
        LoraAdapters.Apply(policy.Model, new LoraSettings(2, 4, 0, ["c_attn", "c_proj"]));
        using (no_grad())
            foreach (var (_, adapter) in LoraAdapters.Of(policy.Model)) adapter.B.weight!.copy_(randn_like(adapter.B.weight!) * 0.5);
        return policy;
    }

    private static SequenceTensors Batch() =>
        new SequenceBatch([new TokenizedSequence([3, 4, 5, 6, 1], 2), new TokenizedSequence([4, 3, 6, 5, 1], 2)]).ToDevice(CPU);

    [Fact]
    public void Adapters_on_a_bf16_model_are_bf16_and_train_through_it()
    {
        using var policy = RolloutTests.SymbolPolicy(4).In(AlignDsl.Precision.Bf16);
        LoraAdapters.Apply(policy.Model, new LoraSettings(2, 4, 0, ["c_attn", "c_proj"]));

        Assert.All(LoraAdapters.Of(policy.Model), a => Assert.Equal(ScalarType.BFloat16, a.Adapter.A.weight!.dtype));
        // The forward pass mixes no float32 adapter into bf16 activations (libtorch refuses mixed dtypes).
        policy.CompletionLogProbs(Batch()).Sum.sum().backward();
        Assert.All(LoraAdapters.Of(policy.Model), a => Assert.NotNull(a.Adapter.A.weight!.grad));
    }

    [Fact]
    public void The_base_reference_scores_as_a_copy_of_the_base_model_and_leaves_the_adapters_on()
    {
        using var policy = AdaptedPolicy();
        using var baseModel = new Policy(policy.Model.BaseCopy(), policy.Tokenizer, CPU);
        var batch = Batch();

        var reference = new BaseModelReference(policy).For(batch).Sum;

        Assert.True(reference.allclose(baseModel.CompletionLogProbs(batch).Sum, atol: 1e-5));
        Assert.False(reference.allclose(policy.CompletionLogProbs(batch).Sum, atol: 1e-3));
    }

    [Fact]
    public void A_saved_lora_policy_is_the_merged_model_with_peft_adapters_beside_it_and_stays_unmerged()
    {
        using var policy = AdaptedPolicy();
        var batch = Batch();
        var adapted = policy.CompletionLogProbs(batch).Sum;

        policy.Save(_root);

        using var loaded = Checkpoint.Load(_root, CPU);
        Assert.False(loaded.Model.HasAdapters);
        Assert.True(loaded.CompletionLogProbs(batch).Sum.allclose(adapted, atol: 1e-4));
        // The adapters are not folded into the live policy: it keeps training, and its base stays its reference.
        Assert.True(policy.CompletionLogProbs(batch).Sum.allclose(adapted, atol: 1e-6));
        Assert.All(LoraAdapters.Of(policy.Model), a => Assert.False(a.Adapter.Merged));
        // PEFT's folder on the base gives the adapted model back.
        var base_ = policy.Model.BaseCopy();
        LoraAdapters.Load(base_, Path.Combine(_root, Checkpoint.AdapterFolder));
        using var reloaded = new Policy(base_, policy.Tokenizer, CPU);
        Assert.True(reloaded.CompletionLogProbs(batch).Sum.allclose(adapted, atol: 1e-4));
    }
}
