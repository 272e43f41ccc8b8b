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

    /// <summary>Casts the weights to <paramref name="precision"/>'s type in place (before an optimiser holds them).</summary>
    public Policy In(Precision precision)
    {
        Model.to(precision.ScalarType());
        return this;
    }

    /// <summary>
    /// Log π(completion | prompt) of each row, summed over completion tokens only (the mask hides prompt and padding),
    /// and, with <paramref name="meanLogits"/> (a pass over the logits a reference need not make), the mean logit of
    /// each completion position summed per row, for TRL's <c>logits/*</c> metrics.
    /// </summary>
    public SequenceLogProbs CompletionLogProbs(SequenceTensors batch, bool meanLogits = false)
    {
        var tokenLogProbs = LogProbs(batch, out var logits, meanLogits);
        return new(tokenLogProbs.sum(1), batch.LossMask.sum(1), logits is null ? null : (logits * batch.LossMask).sum(1));
    }

    /// <summary>
    /// Log π(token | prefix) of every next-token target [rows, length − 1], zero where the mask is 0: the per-token
    /// figures PPO's ratio and KL penalty need, with the same targets as <see cref="CompletionLogProbs"/>.
    /// </summary>
    public Tensor TokenLogProbs(SequenceTensors batch) => LogProbs(batch, out _, meanLogits: false);

    private Tensor LogProbs(SequenceTensors batch, out Tensor? positionMeanLogits, bool meanLogits)
    {
        // The log-softmax over the vocabulary is taken in fp32, whatever the model computes in.
        var logits = Model.forward(batch.Tokens[.., ..^1]).to_type(ScalarType.Float32);
        positionMeanLogits = meanLogits ? logits.detach().mean([-1]) : null;
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
    /// <remarks>Rows a large file left on disk stay there, rendered as they are read.</remarks>
    public IReadOnlyList<PreferencePair> Render(IReadOnlyList<PreferencePair> pairs) => Render(pairs, Chat is null ? null : Chat.Pair);

    /// <inheritdoc cref="Render(IReadOnlyList{PreferencePair})"/>
    public IReadOnlyList<Demonstration> Render(IReadOnlyList<Demonstration> demonstrations) => Render(demonstrations, Chat is null ? null : Chat.Demonstration);

    /// <inheritdoc cref="Render(IReadOnlyList{PreferencePair})"/>
    public IReadOnlyList<Feedback> Render(IReadOnlyList<Feedback> feedback) => Render(feedback, Chat is null ? null : Chat.Feedback);

    private static IReadOnlyList<T> Render<T>(IReadOnlyList<T> rows, Func<T, T>? render) =>
        render is null ? rows : rows is JsonlRows<T> file ? file.Map(render) : rows.Select(render).ToList();

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
        // Inference mode, not only no_grad: libtorch skips the version counters and view tracking of every operation, which
        // at one token per step is a large part of its cost. Nothing made here reaches a training pass: the host reads the ids.
        using var _ = inference_mode();
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
            var generated = SampleTokens(ids, budget, generator, temperature, EndOfSequence);
            for (var r = 0; r < rows.Count; r++)
            {
                var end = Array.IndexOf(generated[r], EndOfSequence);
                answers[rows[r].Index] = end < 0 ? generated[r] : generated[r][..(end + 1)];
            }
        }
        Model.train(wasTraining);
        return answers;
    }

    /// <summary>How many tokens pass between the host's reads of the sampled tokens: one read, not one per token.</summary>
    private const int ReadEvery = 8;

    /// <summary>
    /// The sampled tokens of each row [rows][≤ budget], cut by the caller after end of sequence. The cache is allocated
    /// once for the whole sequence; each token runs in its own dispose scope, so its intermediate tensors are freed (and
    /// their memory reused) at once. Nothing is read from the device per token: every few tokens the host reads the
    /// tokens sampled since its last read, and rows that have sampled end of sequence leave the batch (and the cache), so
    /// the next tokens are computed for the others only. Sampling ends when no row is left.
    /// </summary>
    private int[][] SampleTokens(Tensor promptIds, int budget, Generator generator, double temperature, long endOfSequence)
    {
        var rows = (int)promptIds.size(0);
        using var cache = new KvCache(Config.Layers, promptIds.size(1) + budget);
        var answers = Enumerable.Range(0, rows).Select(_ => new List<int>(budget)).ToArray();
        // The rows still sampling, by their index among the prompts, and the tokens they sampled since the last read.
        var active = Enumerable.Range(0, rows).ToArray();
        Tensor? activeRows = null;
        var unread = new List<Tensor>(ReadEvery);
        // Whether the model computes in fp32, asked once: asking the weights' type enumerates them.
        var fp32 = Model.DType == ScalarType.Float32;
        var logits = NextTokenLogits(promptIds, cache, fp32);
        // Every logit of every step summed: NaN or infinite once any of them was, read once at the end.
        var logitSum = zeros([], logits.dtype, Device);
        for (var i = 0; i < budget; i++)
        {
            using var scope = NewDisposeScope();
            logitSum.add_(logits.sum());
            var next = temperature <= 0 ? logits.argmax(-1, keepdim: true) : Draw(logits, temperature, rows, activeRows, generator);
            unread.Add(next.MoveToOuterDisposeScope());
            if (i + 1 == budget) break;
            if ((i + 1) % ReadEvery == 0)
            {
                var kept = ReadTokens(unread, active, answers, endOfSequence);
                if (kept.Length == 0) break;
                if (kept.Length < active.Length)
                {
                    // Finished rows leave: positions within the current batch of the rows that go on.
                    var keep = tensor(kept.Select(k => (long)Array.IndexOf(active, k)).ToArray(), ScalarType.Int64).to(Device);
                    cache.KeepRows(keep);
                    next = next.index_select(0, keep);
                    active = kept;
                    activeRows = tensor(active.Select(r => (long)r).ToArray(), ScalarType.Int64).to(Device).MoveToOuterDisposeScope();
                }
            }
            var previous = logits;
            logits = NextTokenLogits(next, cache, fp32).MoveToOuterDisposeScope();
            previous.Dispose();
        }
        ReadTokens(unread, active, answers, endOfSequence);
        if (!logitSum.isfinite().item<bool>())
            throw new NonFiniteModelException("The policy's next-token logits are NaN or infinite, so it cannot sample: its weights have diverged.");
        return answers.Select(a => a.ToArray()).ToArray();
    }

    /// <summary>fp32 logits [rows, vocabulary] of the token after <paramref name="ids"/>, which extend the cache.</summary>
    private Tensor NextTokenLogits(Tensor ids, KvCache cache, bool fp32)
    {
        var logits = Model.Logits(Model.LastHidden(ids, cache));
        // Sampled in fp32 whatever the model computes in (bf16 logits would round the softmax).
        return fp32 ? logits : logits.to_type(ScalarType.Float32);
    }

    /// <summary>
    /// Appends the <paramref name="unread"/> tokens [active rows, 1] to each active row's answer; returns
    /// the active rows that have not sampled end of sequence yet.
    /// </summary>
    private static int[] ReadTokens(List<Tensor> unread, int[] active, List<int>[] answers, long endOfSequence)
    {
        if (unread.Count == 0) return active;
        long[] read;
        using (var tokens = cat(unread, 1)) read = tokens.cpu().data<long>().ToArray();
        var count = unread.Count;
        // The tokens themselves stay with the caller's scope: the last one is the next step's input.
        unread.Clear();
        for (var r = 0; r < active.Length; r++)
            answers[active[r]].AddRange(read.Skip(r * count).Take(count).Select(v => (int)v));
        return active.Where(r => !answers[r].Contains((int)endOfSequence)).ToArray();
    }

    /// <summary>
    /// One token per active row, drawn from softmax(logits / temperature) as multinomial draws one sample: the argmax of
    /// p / q with q ~ Exp(1) (the Gumbel-max trick). q is drawn for all <paramref name="rows"/> of the batch, finished ones
    /// included, and the active rows' are taken: each row's draw is the one it would get had no row left the batch, so
    /// rows leaving changes no other row's tokens. This is libtorch's own multinomial for one sample, without its two
    /// reads of the probabilities to the host (whose check aborts the process on NaN; the caller checks the logits instead).
    /// </summary>
    private static Tensor Draw(Tensor logits, double temperature, int rows, Tensor? activeRows, Generator generator)
    {
        var probabilities = nn.functional.softmax(temperature == 1 ? logits : logits / temperature, -1);
        var q = empty(rows, probabilities.size(1), probabilities.dtype, probabilities.device).exponential_(1, generator);
        return (probabilities / (activeRows is null ? q : q.index_select(0, activeRows))).argmax(-1, keepdim: true);
    }

    public void Save(string directory) => Checkpoint.Save(this, directory);

    public void LoadWeights(string directory) =>
        SafeTensors.WeightFiles.LoadInto(directory, Model.HfParameters(), Model.IsIgnoredTensor);

    public void Dispose() => Model.Dispose();
}
