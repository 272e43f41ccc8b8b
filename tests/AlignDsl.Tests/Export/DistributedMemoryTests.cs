using AlignDsl.Export;
using AlignDsl.Tests.EndToEnd;

namespace AlignDsl.Tests.Export;

/// <summary>Memory per GPU: DDP holds the whole estimate on each GPU, ZeRO-2 shards training state, ZeRO-3 and FSDP the weights too.</summary>
public sealed class DistributedMemoryTests
{
    [Fact]
    public void Ddp_holds_each_model_s_whole_estimate_on_every_gpu()
    {
        foreach (var model in TestPpo.Descriptor.ResidentModels)
            Assert.Equal(TestPpo.Descriptor.EstimatedBytes(model), DistributedStrategies.BytesPerGpu(TestPpo.Descriptor, model, DistributedStrategy.Ddp, 8));
    }

    [Fact]
    public void Zero2_shards_the_training_state_and_zero3_the_weights_too()
    {
        var policy = TestDpo.Descriptor.ResidentModels.Single(m => m.Role == "policy");
        long weights = policy.Parameters * 4, state = policy.Parameters * 12;

        Assert.Equal(weights + state, DistributedStrategies.BytesPerGpu(TestDpo.Descriptor, policy, DistributedStrategy.Ddp, 4));
        Assert.Equal(weights + state / 4, DistributedStrategies.BytesPerGpu(TestDpo.Descriptor, policy, DistributedStrategy.Zero2, 4));
        var zero3 = DistributedStrategies.BytesPerGpu(TestDpo.Descriptor, policy, DistributedStrategy.Zero3, 4);
        Assert.InRange(zero3, (weights + state) / 4, (weights + state) / 4 + 1);
        Assert.Equal(DistributedStrategies.BytesPerGpu(TestDpo.Descriptor, policy, DistributedStrategy.Zero3, 4),
            DistributedStrategies.BytesPerGpu(TestDpo.Descriptor, policy, DistributedStrategy.Fsdp, 4));
    }

    [Fact]
    public void Bf16_and_lora_come_from_the_experiment_s_own_estimate()
    {
        var bf16 = TestResumeDpoBf16.Descriptor;
        var policy = bf16.ResidentModels.Single(m => m.Role == "policy");
        // Two bytes of bf16 weight per parameter stay on every GPU under ZeRO-2; the rest of the estimate is sharded.
        var expected = policy.Parameters * 2 + (bf16.EstimatedBytes(policy) - policy.Parameters * 2) / 2;
        Assert.InRange(DistributedStrategies.BytesPerGpu(bf16, policy, DistributedStrategy.Zero2, 2), expected, expected + 1);
        var lora = TestResumeLoraDpo.Descriptor;
        var adapted = lora.ResidentModels.Single(m => m.Role == "policy");
        Assert.True(DistributedStrategies.BytesPerGpu(lora, adapted, DistributedStrategy.Ddp, 1) < adapted.Parameters * 16,
            "with LoRA only the adapters carry training state");
    }
}
