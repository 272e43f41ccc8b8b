using System.Text.Json.Nodes;
using AlignDsl.Data;
using AlignDsl.Models;
using AlignDsl.Models.SafeTensors;
using AlignDsl.Training;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Training;

/// <summary>bf16 training: bf16 weights and activations, fp32 master weights and AdamW state, fp32 log-softmax.</summary>
public sealed class MixedPrecisionTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aligndsl-bf16-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static readonly SequenceBatch Batch = new(
    [
        new TokenizedSequence([5, 6, 7, 8, 9, 10, 11, 1], 2), new TokenizedSequence([12, 13, 14, 15, 16, 1], 2),
        new TokenizedSequence([7, 9, 11, 13, 15, 17, 1], 3), new TokenizedSequence([18, 17, 16, 15, 1], 1),
    ]);

    /// <summary>Negative log-likelihood of the batch's completions after each of <paramref name="steps"/> AdamW steps.</summary>
    private static List<double> Train(Policy policy, int steps, Optimizer? optimizer = null)
    {
        using var owned = optimizer is null ? new Optimizer(policy.Parameters(), new LearningRateSchedule(1e-2, 0, steps), 0.0, 1.0) : null;
        var adamW = optimizer ?? owned!;
        var batch = Batch.ToDevice(CPU);
        var losses = new List<double>();
        for (var i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            adamW.ZeroGrad();
            var loss = -policy.CompletionLogProbs(batch).Sum.sum() / batch.LossMask.sum();
            loss.backward();
            adamW.ClipAndStep();
            losses.Add(loss.item<float>());
        }
        return losses;
    }

    [Fact]
    public void A_bf16_run_learns_and_stays_close_to_fp32()
    {
        using var fp32 = RolloutTests.SymbolPolicy(3);
        using var bf16 = RolloutTests.SymbolPolicy(3).In(Precision.Bf16);
        Assert.All(bf16.Parameters(), p => Assert.Equal(ScalarType.BFloat16, p.dtype));

        var full = Train(fp32, 40);
        var half = Train(bf16, 40);

        Assert.True(half[^1] < 0.5 * half[0], $"bf16 loss should fall: {half[0]:F3} → {half[^1]:F3}");
        Assert.True(full[^1] < 0.5 * full[0], $"fp32 loss should fall: {full[0]:F3} → {full[^1]:F3}");
        // Same start (bf16 rounds the same weights), same data: the curves differ by rounding only.
        Assert.InRange(half[0] - full[0], -0.05, 0.05);
        Assert.InRange(half[^1] - full[^1], -0.15 * full[0], 0.15 * full[0]);
        Assert.All(bf16.Parameters(), p => Assert.Equal(ScalarType.BFloat16, p.dtype));
    }

    [Fact]
    public void Master_weights_are_fp32_and_keep_updates_bf16_would_round_away()
    {
        // A weight of 1 in bf16 moves in steps of 2⁻⁷ ≈ 0.0078; updates of 1e-3 each are lost on their own.
        var weight = new TorchSharp.Modules.Parameter(ones(4, dtype: ScalarType.BFloat16));
        using var optimizer = new Optimizer([weight], new LearningRateSchedule(1e-3, 0, 100), 0.0, 0.0);
        Assert.True(optimizer.HasMasterWeights);
        for (var i = 0; i < 20; i++)
        {
            optimizer.ZeroGrad();
            weight.sum().backward();
            optimizer.ClipAndStep();
        }
        Assert.Equal(ScalarType.BFloat16, weight.dtype);
        // Twenty steps of 1e-3 accumulate in the fp32 masters to about 0.02, which bf16 then shows.
        Assert.InRange(weight[0].to_type(ScalarType.Float32).item<float>(), 0.97f, 0.99f);
    }

    [Fact]
    public void An_fp32_model_needs_no_master_copy()
    {
        using var policy = RolloutTests.SymbolPolicy(1);
        using var optimizer = new Optimizer(policy.Parameters(), new LearningRateSchedule(1e-3, 0, 10), 0.0, 1.0);
        Assert.False(optimizer.HasMasterWeights);
    }

    [Fact]
    public void Resuming_from_saved_masters_and_moments_continues_bit_for_bit()
    {
        using var policy = RolloutTests.SymbolPolicy(5).In(Precision.Bf16);
        using var optimizer = new Optimizer(policy.Parameters(), new LearningRateSchedule(3e-3, 0, 10), 0.0, 1.0);
        Train(policy, 3, optimizer);
        using var saved = new MemoryStream();
        using (var writer = new BinaryWriter(saved, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            foreach (var p in policy.Parameters()) TorchSharp.TensorExtensionMethods.Save(p.detach(), writer);
            optimizer.Save(writer);
        }
        var straight = Train(policy, 3, optimizer);

        using var resumed = RolloutTests.SymbolPolicy(6).In(Precision.Bf16);
        using var resumedOptimizer = new Optimizer(resumed.Parameters(), new LearningRateSchedule(3e-3, 0, 10), 0.0, 1.0);
        saved.Position = 0;
        using (var reader = new BinaryReader(saved))
        {
            using (no_grad())
                foreach (var p in resumed.Parameters()) p.copy_(TorchSharp.TensorExtensionMethods.Load(reader));
            resumedOptimizer.Load(reader);
        }
        var again = Train(resumed, 3, resumedOptimizer);

        Assert.Equal(straight, again);
        Assert.All(policy.Parameters().Zip(resumed.Parameters()), p => Assert.True(p.First.allclose(p.Second, rtol: 0, atol: 0)));
    }

    [Fact]
    public void A_bf16_policy_saves_bf16_tensors_and_says_so_in_config_json()
    {
        using var policy = RolloutTests.SymbolPolicy(2).In(Precision.Bf16);
        policy.Save(_directory);

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, "config.json")))!;
        Assert.Equal("bfloat16", config["torch_dtype"]!.GetValue<string>());
        using var file = new SafeTensorsFile(Path.Combine(_directory, WeightFiles.Single));
        Assert.All(file.Names, name =>
        {
            using var stored = file.Read(name);
            Assert.Equal(ScalarType.BFloat16, stored.dtype);
        });
        using var loaded = Checkpoint.Load(_directory, CPU).In(Precision.Bf16);
        Assert.All(policy.Model.HfParameters().Zip(loaded.Model.HfParameters()), p => Assert.True(p.First.Value.allclose(p.Second.Value, rtol: 0, atol: 0)));
    }
}
