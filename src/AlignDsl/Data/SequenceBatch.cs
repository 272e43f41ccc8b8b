using TorchSharp;
using static TorchSharp.torch;

namespace AlignDsl.Data;

/// <summary>
/// A batch on the host, right-padded to its longest row. For preference data the first half of the rows are the
/// chosen sequences and the second half the rejected ones, in the same pair order, so one forward pass covers both.
/// </summary>
public sealed class SequenceBatch
{
    private readonly long[] _tokens;
    private readonly float[] _lossMask;
    private readonly long[] _lastTokens;
    private readonly long[]? _indices;
    private readonly float[]? _labels;
    private readonly float[]? _weights;
    private readonly float[]? _margins;

    /// <param name="rows">The sequences, in row order.</param>
    /// <param name="indices">Each row's example index in its data set, for looking up precomputed values.</param>
    /// <param name="labels">Each row's label (KTO: 1 desirable, 0 undesirable).</param>
    /// <param name="weights">Each pair's weight in a weighted loss, one per pair (half the rows).</param>
    /// <param name="margins">Each pair's reward margin from the data (NaN: none), one per pair.</param>
    public SequenceBatch(IReadOnlyList<TokenizedSequence> rows, IReadOnlyList<int>? indices = null, IReadOnlyList<float>? labels = null,
        IReadOnlyList<float>? weights = null, IReadOnlyList<float>? margins = null)
    {
        Rows = rows.Count;
        Length = rows.Max(r => r.Tokens.Length);
        _tokens = new long[Rows * Length];
        _lossMask = new float[Rows * (Length - 1)];
        _lastTokens = new long[Rows];
        for (var r = 0; r < Rows; r++)
        {
            var row = rows[r];
            for (var t = 0; t < row.Tokens.Length; t++) _tokens[r * Length + t] = row.Tokens[t];
            // Target t+1 is predicted at position t; it counts when it belongs to the completion.
            for (var t = row.PromptLength; t < row.Tokens.Length; t++) _lossMask[r * (Length - 1) + t - 1] = 1f;
            // A conversation's earlier assistant turns, inside the prompt, count too (never its first token: nothing predicts it).
            if (row.PromptAnswers is { } answers)
                for (var a = 0; a + 1 < answers.Length; a += 2)
                    for (var t = Math.Max(answers[a], 1); t < answers[a + 1]; t++) _lossMask[r * (Length - 1) + t - 1] = 1f;
            _lastTokens[r] = row.Tokens.Length - 1;
            TokenCount += row.Tokens.Length;
        }
        _indices = indices?.Select(i => (long)i).ToArray();
        _labels = labels?.ToArray();
        _weights = weights?.ToArray();
        _margins = margins?.ToArray();
    }

    public int Rows { get; }
    public int Length { get; }

    /// <summary>Non-padding tokens, counted on the host so throughput needs no device read.</summary>
    public long TokenCount { get; }

    /// <summary>Copies the batch to <paramref name="device"/>. Call inside the step's dispose scope.</summary>
    public SequenceTensors ToDevice(Device device) => new(
        tensor(_tokens, [Rows, Length], ScalarType.Int64).to(device),
        tensor(_lossMask, [Rows, Length - 1], ScalarType.Float32).to(device),
        tensor(_lastTokens, [Rows], ScalarType.Int64).to(device),
        _indices is null ? null : tensor(_indices, [_indices.Length], ScalarType.Int64).to(device),
        _labels is null ? null : tensor(_labels, [_labels.Length], ScalarType.Float32).to(device),
        _weights is null ? null : tensor(_weights, [_weights.Length], ScalarType.Float32).to(device),
        _margins is null ? null : tensor(_margins, [_margins.Length], ScalarType.Float32).to(device));
}

/// <summary>
/// A batch on the device: token ids [rows, length]; the completion mask over next-token targets [rows, length − 1]
/// (1 where the target is a completion token); each row's last token position; and, when the data has them,
/// example indices, labels, per-pair weights and per-pair margins (NaN: none) [rows / 2].
/// </summary>
public sealed record SequenceTensors(Tensor Tokens, Tensor LossMask, Tensor LastToken, Tensor? Indices = null, Tensor? Labels = null,
    Tensor? Weights = null, Tensor? Margins = null);
