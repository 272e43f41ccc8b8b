using AlignDsl.Data;
using AlignDsl.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace AlignDsl.Models;

/// <summary>
/// A language model with its tokenizer on a device: what the generated loops train, score and sample.
/// Disposing it frees its native memory.
/// </summary>
public sealed class Policy : ITrainableModel
{
    public Policy(CausalLM model, CompactTokenizer tokenizer, Device device)
    {
        Model = model.to(device);
        Tokenizer = tokenizer;
        Device = device;
    }

    public CausalLM Model { get; }
    public CompactTokenizer Tokenizer { get; }
    public Device Device { get; }
    public ModelConfig Config => Model.Config;

    public IEnumerable<TorchSharp.Modules.Parameter> Parameters() => Model.parameters();

    /// <summary>Casts the weights to <paramref name="precision"/>'s type in place (before an optimiser holds them).</summary>
    public Policy In(Precision precision)
    {
        Model.to(precision.ScalarType());
        return this;
    }

    /// <summary>Log π(completion | prompt) of each row, summed over completion tokens only (the mask hides prompt and padding).</summary>
    public SequenceLogProbs CompletionLogProbs(SequenceTensors batch) => new(TokenLogProbs(batch).sum(1), batch.LossMask.sum(1));

    /// <summary>
    /// Log π(token | prefix) of every next-token target [rows, length − 1], zero where the mask is 0: the per-token
    /// figures PPO's ratio and KL penalty need, with the same targets as <see cref="CompletionLogProbs"/>.
    /// </summary>
    public Tensor TokenLogProbs(SequenceTensors batch)
    {
        // The log-softmax over the vocabulary is taken in fp32, whatever the model computes in.
        var logits = Model.forward(batch.Tokens[.., ..^1]).to_type(ScalarType.Float32);
        var targets = batch.Tokens[.., 1..];
        var tokenLogProbs = -nn.functional.cross_entropy(
            logits.reshape(-1, logits.shape[2]), targets.reshape(-1), reduction: nn.Reduction.None).view(targets.shape);
        return tokenLogProbs * batch.LossMask;
    }

    /// <summary>A frozen copy with the same weights: the reference model of DPO-style objectives.</summary>
    public Policy FrozenCopy() => new(Model.FrozenCopy(), Tokenizer, Device);

    /// <summary>
    /// Samples a completion for each prompt (temperature 1 unless given; 0 is greedy) with a KV cache,
    /// stopping at end of sequence or <paramref name="maxNewTokens"/>. Prompts of equal length share a batch.
    /// </summary>
    public IReadOnlyList<string> Sample(IReadOnlyList<string> prompts, int maxNewTokens, Generator generator, double temperature = 1.0) =>
        SampleIds(prompts.Select(Tokenizer.Encode).ToList(), maxNewTokens, generator, temperature).Select(Tokenizer.Decode).ToList();

    /// <summary>
    /// The sampled token ids of each prompt (given as ids), cut after the first end-of-sequence, which is kept when
    /// sampled: an online objective scores exactly these tokens, since decoding and re-encoding need not give them back.
    /// </summary>
    public IReadOnlyList<int[]> SampleIds(IReadOnlyList<int[]> prompts, int maxNewTokens, Generator generator, double temperature = 1.0)
    {
        var answers = new int[prompts.Count][];
        using var _ = no_grad();
        var wasTraining = Model.training;
        Model.eval();
        foreach (var group in prompts.Select((ids, i) => (Index: i, Ids: ids)).GroupBy(e => e.Ids.Length).OrderBy(g => g.Key))
        {
            using var scope = NewDisposeScope();
            var rows = group.ToList();
            var budget = Math.Min(maxNewTokens, Config.Context - group.Key);
            if (budget <= 0)
            {
                foreach (var row in rows) answers[row.Index] = [];
                continue;
            }
            var ids = tensor(rows.SelectMany(r => r.Ids.Select(id => (long)id)).ToArray(), [rows.Count, group.Key], ScalarType.Int64).to(Device);
            var generated = SampleTokens(ids, budget, generator, temperature);
            for (var r = 0; r < rows.Count; r++)
            {
                var end = Array.IndexOf(generated[r], CompactTokenizer.EndOfSequence);
                answers[rows[r].Index] = end < 0 ? generated[r] : generated[r][..(end + 1)];
            }
        }
        Model.train(wasTraining);
        return answers;
    }

    private int[][] SampleTokens(Tensor promptIds, int budget, Generator generator, double temperature)
    {
        using var cache = new KvCache(Config.Layers);
        var steps = new List<Tensor>();
        var logits = Model.Forward(promptIds, cache)[.., -1].to_type(ScalarType.Float32);
        // Rows whose logits were ever NaN or infinite: counted on the device, read once with the tokens.
        var nonFinite = zeros([promptIds.shape[0], 1], ScalarType.Int64, Device);
        for (var i = 0; i < budget; i++)
        {
            var finite = logits.isfinite().all(-1, keepdim: true);
            nonFinite = nonFinite + finite.logical_not().to(ScalarType.Int64);
            // multinomial aborts the process on NaN probabilities: a diverged row samples from a placeholder
            // uniform distribution instead, and the whole call fails below. Finite rows draw exactly as before.
            var safeLogits = where(finite, logits, zeros_like(logits));
            var next = temperature <= 0
                ? safeLogits.argmax(-1, keepdim: true)
                : multinomial(nn.functional.softmax(safeLogits / temperature, -1), 1, generator: generator);
            steps.Add(next);
            if (i + 1 < budget) logits = Model.Forward(next, cache)[.., -1].to_type(ScalarType.Float32);
        }
        // One read of all sampled tokens (and the non-finite count) at the end, not one per token.
        var read = cat([.. steps, nonFinite], 1).cpu().data<long>().ToArray();
        if (Enumerable.Range(0, (int)promptIds.shape[0]).Any(r => read[r * (budget + 1) + budget] > 0))
            throw new NonFiniteModelException("The policy's next-token logits are NaN or infinite, so it cannot sample: its weights have diverged.");
        var all = Enumerable.Range(0, (int)promptIds.shape[0]).SelectMany(r => read.Skip(r * (budget + 1)).Take(budget)).ToArray();
        return Enumerable.Range(0, (int)promptIds.shape[0]).Select(r => all.Skip(r * budget).Take(budget).Select(v => (int)v).ToArray()).ToArray();
    }

    public void Save(string directory) => Checkpoint.Save(this, directory);

    public void LoadWeights(string directory) =>
        SafeTensors.WeightFiles.LoadInto(directory, Model.HfParameters(), Model.IsIgnoredTensor);

    public void Dispose() => Model.Dispose();
}
