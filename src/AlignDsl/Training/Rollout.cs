using AlignDsl.Data;
using AlignDsl.Models;
using AlignDsl.Rewards;
using AlignDsl.Tokenization;
using static TorchSharp.torch;

namespace AlignDsl.Training;

/// <summary>
/// Answers sampled to prompts, <see cref="SamplesPerPrompt"/> of each prompt on consecutive rows (a group), kept as the sampled token ids: PPO scores, values and updates exactly the tokens the
/// policy produced (decoding and re-encoding need not give them back). The batch's mask covers the answer tokens, and
/// the end-of-sequence token only when it was sampled; an answer cut at the token budget has none (<see cref="SampledEos"/>).
/// </summary>
public sealed record Rollout(IReadOnlyList<string> Prompts, IReadOnlyList<string> Answers, IReadOnlyList<TokenizedSequence> Sequences,
    SequenceTensors Batch, long TokenCount)
{
    /// <summary>How many answers each prompt has: rows r·k … r·k + k − 1 answer prompt r (<see cref="Prompts"/> holds one per row).</summary>
    public int SamplesPerPrompt { get; init; } = 1;

    /// <summary>
    /// Whether each row's answer ended by sampling end of sequence; false for one cut at the token budget (MaxNewTokens, or
    /// the room MaxLength leaves) before it did. Empty for a rollout not made by <see cref="Sample"/>.
    /// </summary>
    public IReadOnlyList<bool> SampledEos { get; init; } = [];

    /// <summary>1 for each row whose answer was cut before end of sequence, else 0 [rows], on the batch's device.</summary>
    public Tensor MissingEos() => SampledEos.Count != Sequences.Count
        ? throw new InvalidOperationException("This rollout does not record which answers sampled end of sequence: make it with Rollout.Sample.")
        : tensor(SampledEos.Select(ended => ended ? 0f : 1f).ToArray(), ScalarType.Float32).to(Batch.Tokens.device);

    /// <summary>
    /// Samples with <paramref name="policy"/> (temperature 1) and builds the batch on its device. A prompt keeps its last
    /// <paramref name="maxLength"/> − 1 tokens; answers stop at <paramref name="maxNewTokens"/> or where the sequence reaches
    /// <paramref name="maxLength"/>. Each prompt is answered <paramref name="samplesPerPrompt"/> times, on consecutive rows
    /// sampled in one batch. Call inside the step's dispose scope.
    /// </summary>
    public static Rollout Sample(Policy policy, IReadOnlyList<string> prompts, int maxNewTokens, int maxLength, Generator generator, int samplesPerPrompt = 1)
    {
        if (maxLength < 2) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "MaxLength must be at least 2: one prompt token and one answer token.");
        if (samplesPerPrompt < 1) throw new ArgumentOutOfRangeException(nameof(samplesPerPrompt), samplesPerPrompt, "Each prompt needs at least one sample.");
        var limit = Math.Min(maxLength, policy.Config.Context);
        // Each prompt is encoded once; its group's rows share the ids.
        var promptIds = prompts.Select(p => Truncate(policy.EncodePrompt(p), limit - 1, policy.Tokenizer.StartOfTextId()))
            .SelectMany(ids => Enumerable.Repeat(ids, samplesPerPrompt)).ToList();
        if (samplesPerPrompt > 1) prompts = prompts.SelectMany(p => Enumerable.Repeat(p, samplesPerPrompt)).ToList();
        // One budget for all rows keeps the policy's batched sampling; rows are then cut to their own room.
        var budget = Math.Min(maxNewTokens, limit - promptIds.Min(p => p.Length));
        var sampled = policy.SampleIds(promptIds, budget, generator);
        var answerIds = promptIds.Select((ids, r) => sampled[r][..Math.Min(sampled[r].Length, limit - ids.Length)]).ToList();
        var sequences = promptIds.Select((ids, r) => new TokenizedSequence([.. ids, .. answerIds[r]], ids.Length)).ToList();
        var answers = sequences.Select(s => policy.DecodeAnswer(s.Tokens[s.PromptLength..])).ToList();
        var batch = new SequenceBatch(sequences);
        return new Rollout(prompts, answers, sequences, batch.ToDevice(policy.Device), batch.TokenCount)
        {
            SamplesPerPrompt = samplesPerPrompt,
            // Sampling stops a row at its first end of sequence and keeps it: a row ended by choice iff it ends with it.
            SampledEos = answerIds.Select(a => a.Length > 0 && a[^1] == policy.EndOfSequence).ToList(),
        };
    }

    /// <summary>Each answer's reward from <paramref name="reward"/> [rows], on the batch's device.</summary>
    public Tensor Score(IRewardFunction reward) =>
        tensor(Prompts.Select((p, r) => (float)reward.Score(p, Answers[r])).ToArray(), ScalarType.Float32).to(Batch.Tokens.device);

    /// <summary>An empty prompt becomes the start-of-text token, as in <see cref="TokenizedSequence.Create"/>.</summary>
    private static int[] Truncate(int[] ids, int keep, int startOfText) => ids.Length == 0 ? [startOfText] : ids[^Math.Min(ids.Length, keep)..];
}
