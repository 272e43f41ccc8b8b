using AlignDsl.Chat;
using AlignDsl.Data;
using AlignDsl.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace AlignDsl.Models;

/// <summary>
/// A language model with its tokenizer (and, for a pretrained model, its chat format) on a device: what the generated
/// loops train, score and sample. Disposing it frees its native memory.
/// </summary>
public sealed class Policy : ITrainableModel
{
    /// <param name="chat">How the model reads conversations; null for the gym's tiny GPT, which reads the gym's frame as it is.</param>
    public Policy(CausalLM model, ITokenizer tokenizer, Device device, ChatFormat? chat = null)
    {
        EndOfSequence = tokenizer.EndOfSequenceId();
        Model = model.to(device);
        Tokenizer = tokenizer;
        Device = device;
        Chat = chat;
    }

    public CausalLM Model { get; }
    public ITokenizer Tokenizer { get; }
    public Device Device { get; }

    /// <summary>The chat template prompts and data are rendered with; null where the gym's frame is read as written.</summary>
    public ChatFormat? Chat { get; }

    /// <summary>The id that ends a completion: sampling stops there.</summary>
    public int EndOfSequence { get; }
    public ModelConfig Config => Model.Config;

    public IEnumerable<TorchSharp.Modules.Parameter> Parameters() => Model.parameters();

    /// <summary>Log π(completion | prompt) of each row, summed over completion tokens only (the mask hides prompt and padding).</summary>
    public SequenceLogProbs CompletionLogProbs(SequenceTensors batch) => new(TokenLogProbs(batch).sum(1), batch.LossMask.sum(1));

    /// <summary>
    /// Log π(token | prefix) of every next-token target [rows, length − 1], zero where the mask is 0: the per-token
    /// figures PPO's ratio and KL penalty need, with the same targets as <see cref="CompletionLogProbs"/>.
    /// </summary>
    public Tensor TokenLogProbs(SequenceTensors batch)
    {
        var logits = Model.forward(batch.Tokens[.., ..^1]);
        var targets = batch.Tokens[.., 1..];
        var tokenLogProbs = -nn.functional.cross_entropy(
            logits.reshape(-1, logits.shape[2]), targets.reshape(-1), reduction: nn.Reduction.None).view(targets.shape);
        return tokenLogProbs * batch.LossMask;
    }

    /// <summary>
    /// A frozen copy with the same weights: the reference model of DPO-style objectives, or the baseline evaluation compares
    /// with. Of a policy with LoRA adapters, a copy of its base (the adapters switched off): taken before training, while
    /// the adapters are still zero, that is the policy itself.
    /// </summary>
    public Policy FrozenCopy() => new(Model.HasAdapters ? Model.FrozenBaseCopy() : Model.FrozenCopy(), Tokenizer, Device, Chat);

    /// <summary>Training or evaluation data as the model reads it: rendered with its chat template, or as written for the gym's tiny GPT.</summary>
    public IReadOnlyList<PreferencePair> Render(IReadOnlyList<PreferencePair> pairs) => Chat is null ? pairs : pairs.Select(Chat.Pair).ToList();

    /// <inheritdoc cref="Render(IReadOnlyList{PreferencePair})"/>
    public IReadOnlyList<Demonstration> Render(IReadOnlyList<Demonstration> demonstrations) => Chat is null ? demonstrations : demonstrations.Select(Chat.Demonstration).ToList();

    /// <inheritdoc cref="Render(IReadOnlyList{PreferencePair})"/>
    public IReadOnlyList<Feedback> Render(IReadOnlyList<Feedback> feedback) => Chat is null ? feedback : feedback.Select(Chat.Feedback).ToList();

    /// <summary>A prompt's ids as the model reads it: rendered with the chat template where the policy has one.</summary>
    public int[] EncodePrompt(string prompt) => Tokenizer.Encode(Chat?.Prompt(prompt) ?? prompt);

    /// <summary>The text of sampled answer ids, up to the end of sequence.</summary>
    public string DecodeAnswer(IReadOnlyList<int> ids)
    {
        var end = ids.ToList().IndexOf(EndOfSequence);
        return Tokenizer.Decode(end < 0 ? ids : ids.Take(end));
    }

    /// <summary>
    /// Samples a completion for each prompt (temperature 1 unless given; 0 is greedy) with a KV cache,
    /// stopping at end of sequence or <paramref name="maxNewTokens"/>. Prompts of equal length share a batch. Prompts are
    /// written in the gym's frame; a policy with a chat template reads them rendered with it.
    /// </summary>
    public IReadOnlyList<string> Sample(IReadOnlyList<string> prompts, int maxNewTokens, Generator generator, double temperature = 1.0) =>
        SampleIds(prompts.Select(EncodePrompt).ToList(), maxNewTokens, generator, temperature).Select(DecodeAnswer).ToList();

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
                var end = Array.IndexOf(generated[r], EndOfSequence);
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
        var logits = Model.Forward(promptIds, cache)[.., -1];
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
            if (i + 1 < budget) logits = Model.Forward(next, cache)[.., -1];
        }
        // One read of all sampled tokens (and the non-finite count) at the end, not one per token.
        var read = cat([.. steps, nonFinite], 1).cpu().data<long>().ToArray();
        if (Enumerable.Range(0, (int)promptIds.shape[0]).Any(r => read[r * (budget + 1) + budget] > 0))
            throw new NonFiniteModelException("The policy's next-token logits are NaN or infinite, so it cannot sample: its weights have diverged.");
        var all = Enumerable.Range(0, (int)promptIds.shape[0]).SelectMany(r => read.Skip(r * (budget + 1)).Take(budget)).ToArray();
        return Enumerable.Range(0, (int)promptIds.shape[0]).Select(r => all.Skip(r * budget).Take(budget).Select(v => (int)v).ToArray()).ToArray();
    }

    public void Save(string directory) => Checkpoint.Save(this, directory);

    public void Dispose() => Model.Dispose();
}
