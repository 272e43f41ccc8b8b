using AlignDsl.Data;
using AlignDsl.Rules;
using static TorchSharp.torch;

namespace AlignDsl.Training;

/// <summary>
/// PPO's mini-batches (TRL's <c>num_mini_batches</c>): each epoch draws a permutation of the rollout's rows from the run's
/// sampling generator, so a run repeats and a resumed one continues exactly, and cuts it into equal parts, one
/// optimizer step each. Every row is visited exactly once per epoch.
/// </summary>
public static class MiniBatches
{
    /// <summary>The row indices [rows / <paramref name="count"/>] of each mini-batch of one epoch, on the rollout's device.</summary>
    /// <exception cref="RuleViolationException">The rows do not split into <paramref name="count"/> equal parts (ALIGN087: a batch size given at run time).</exception>
    public static IReadOnlyList<Tensor> Shuffled(Rollout rollout, int count, Generator generator)
    {
        var rows = rollout.Sequences.Count;
        var violations = SettingRules.CheckMiniBatches(count, rows / rollout.SamplesPerPrompt, rollout.SamplesPerPrompt).ToList();
        if (violations.Count > 0) throw new RuleViolationException(violations);
        var order = randperm(rows, device: rollout.Batch.Tokens.device, generator: generator);
        return order.view(count, rows / count).unbind(0);
    }

    /// <summary>The rows <paramref name="rows"/> of a rollout's batch: tokens, mask and last positions.</summary>
    public static SequenceTensors Select(SequenceTensors batch, Tensor rows) =>
        new(batch.Tokens.index_select(0, rows), batch.LossMask.index_select(0, rows), batch.LastToken.index_select(0, rows));
}
