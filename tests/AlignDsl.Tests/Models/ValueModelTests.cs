using AlignDsl.Data;
using AlignDsl.Models;
using AlignDsl.Tests.Training;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Models;

/// <summary>The value model starts from the policy's body (or the reward model), values every next-token position, and trains apart from the policy.</summary>
public sealed class ValueModelTests
{
    private static SequenceTensors Batch() => new SequenceBatch(
        [new TokenizedSequence([5, 6, 7, 8, 1], PromptLength: 3), new TokenizedSequence([5, 6, 1], PromptLength: 2)]).ToDevice(CPU);

    [Fact]
    public void Values_have_one_value_per_next_token_target()
    {
        using var policy = RolloutTests.SymbolPolicy(1);
        using var values = ValueModel.FromPolicy(policy);
        Assert.Equal(new long[] { 2, 4 }, values.Values(Batch()).shape);
    }

    [Fact]
    public void Starts_from_a_copy_of_the_policy_body()
    {
        using var policy = RolloutTests.SymbolPolicy(1);
        using var values = ValueModel.FromPolicy(policy);
        var body = values.Parameters().ToList();
        var policyParameters = policy.Parameters().ToList();
        Assert.Equal(policyParameters.Count + 2, body.Count);  // plus the head's weight and bias
        foreach (var (p, v) in policyParameters.Zip(body))
        {
            Assert.True(p.allclose(v, rtol: 0, atol: 0));
            Assert.NotEqual(p.Handle, v.Handle);
        }
    }

    [Fact]
    public void Gradients_reach_the_value_model_and_never_the_policy()
    {
        using var policy = RolloutTests.SymbolPolicy(1);
        using var values = ValueModel.FromPolicy(policy);
        values.Values(Batch()).pow(2).sum().backward();
        Assert.All(values.Parameters(), p => Assert.True(p.grad is { } g && g.abs().sum().item<float>() > 0));
        Assert.All(policy.Parameters(), p => Assert.Null(p.grad));
    }

    [Fact]
    public void Values_read_only_the_prefix_before_each_target()
    {
        using var policy = RolloutTests.SymbolPolicy(1);
        using var values = ValueModel.FromPolicy(policy);
        using var _ = no_grad();
        var full = values.Values(new SequenceBatch([new TokenizedSequence([5, 6, 7, 8, 1], 3)]).ToDevice(CPU));
        var shorter = values.Values(new SequenceBatch([new TokenizedSequence([5, 6, 7], 2)]).ToDevice(CPU));
        // Causal attention: the values of prefixes [5] and [5, 6] do not depend on what follows.
        Assert.True(full[.., ..2].allclose(shorter, atol: 1e-5));
    }

    [Fact]
    public void From_a_reward_model_its_value_at_each_position_is_the_reward_of_that_prefix()
    {
        using var policy = RolloutTests.SymbolPolicy(1);
        using var rewardModel = RewardModel.FromPolicy(policy);
        // A head the fresh value head could not match by chance.
        using (no_grad()) rewardModel.Parameters().Last().normal_(0, 1);
        foreach (var p in rewardModel.Parameters()) p.requires_grad = false;
        using var values = ValueModel.FromRewardModel(rewardModel);
        using (no_grad())
        {
            var all = values.Values(new SequenceBatch([new TokenizedSequence([5, 6, 7, 8, 1], 3)]).ToDevice(CPU));
            // The value before target t + 1 reads the prefix ending at t: the reward model's score of that prefix.
            for (var t = 1; t < 4; t++)
            {
                var reward = rewardModel.Rewards(new SequenceBatch([new TokenizedSequence(new[] { 5, 6, 7, 8, 1 }[..(t + 1)], 1)]).ToDevice(CPU));
                Assert.Equal(reward.item<float>(), all[0, t].item<float>(), 4);
            }
        }
        // A trainable copy: the reward model stays frozen and shares no tensor with it.
        Assert.All(values.Parameters(), p => Assert.True(p.requires_grad));
        Assert.All(values.Parameters().Zip(rewardModel.Parameters()), pair => Assert.NotEqual(pair.First.Handle, pair.Second.Handle));
    }
}
