namespace AlignDsl.Data;

/// <summary>Prompts without answers, batched for an online objective that samples its own answers (PPO).</summary>
public sealed class PromptData
{
    public PromptData(IReadOnlyList<string> prompts) => Prompts = prompts;

    public IReadOnlyList<string> Prompts { get; }

    /// <summary>Shuffled training batches of <paramref name="batchSize"/> prompts, reshuffled each epoch, numbered from 1.</summary>
    /// <param name="byLength">Bucket prompts of like length in characters (prompts of one length in tokens sample together).</param>
    public IEnumerable<(int Step, IReadOnlyList<string> Batch)> Batches(int batchSize, int steps, int seed, bool byLength = false) =>
        Batching.Shuffled(Prompts.Count, batchSize, steps, seed, byLength ? i => Prompts[i].Length : null).Select(b => (b.Step, (IReadOnlyList<string>)b.Indices.Select(i => Prompts[i]).ToList()));

    /// <summary>Every prompt once, in order, for evaluation.</summary>
    public IEnumerable<IReadOnlyList<string>> InOrder(int batchSize) => Prompts.Chunk(batchSize);
}
