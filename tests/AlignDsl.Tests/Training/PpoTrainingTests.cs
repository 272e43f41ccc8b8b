using AlignDsl.Data;
using AlignDsl.Models;
using AlignDsl.Objectives;
using AlignDsl.Rewards;
using AlignDsl.Training;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Training;

/// <summary>The PPO pieces put together as a generated loop does: the reward the function gives rises within a few dozen updates.</summary>
public sealed class PpoTrainingTests
{
    /// <summary>The share of an answer's characters that are '!': a dense reward a tiny policy can learn quickly.</summary>
    private sealed class Exclamations : IRewardFunction
    {
        public double Score(string prompt, string answer) => answer.Length == 0 ? 0 : answer.Count(c => c == '!') / (double)answer.Length;
    }

    [Fact]
    public void Mean_reward_rises_over_ppo_updates()
    {
        const int steps = 40, batchSize = 8, maxNewTokens = 6, epochs = 4;
        using var policy = RolloutTests.SymbolPolicy(11);
        using var reference = policy.FrozenCopy();
        using var valueModel = ValueModel.FromPolicy(policy);
        using var optimizer = new Optimizer(policy.Parameters().Concat(valueModel.Parameters()), new LearningRateSchedule(1e-2, 0, steps), 0.0, 1.0);
        var reward = new Exclamations();
        var generator = new Generator(17);
        var means = new List<double>();

        foreach (var (step, batch) in new PromptData(RolloutTests.Prompts).Batches(batchSize, steps, seed: 5))
        {
            using var scope = NewDisposeScope();
            var rollout = Rollout.Sample(policy, batch, maxNewTokens, 32, generator);
            var scores = rollout.Score(reward);
            means.Add(scores.mean().item<float>());
            PpoAdvantages advantages;
            Tensor oldLogProbs, oldValues;
            using (no_grad())
            {
                oldLogProbs = policy.TokenLogProbs(rollout.Batch);
                oldValues = valueModel.Values(rollout.Batch);
                advantages = Ppo.Advantages(scores, oldLogProbs, reference.TokenLogProbs(rollout.Batch), oldValues, rollout.Batch.LossMask, 0.05);
            }
            for (var epoch = 0; epoch < epochs; epoch++)
            {
                optimizer.ZeroGrad();
                var output = Ppo.Loss(policy.TokenLogProbs(rollout.Batch), oldLogProbs, advantages, valueModel.Values(rollout.Batch), oldValues,
                    rollout.Batch.LossMask, 0.2, 0.2, 0.1);
                output.Loss.backward();
                optimizer.ClipAndStep();
            }
        }

        var (first, last) = (means.Take(5).Average(), means.TakeLast(5).Average());
        Assert.True(last > first + 0.3, $"mean reward {first:F3} over the first 5 rollouts, {last:F3} over the last 5");
    }
}
