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

    public SequenceBatch(IReadOnlyList<TokenizedSequence> rows)
    {
        Rows = rows.Count;
        Length = rows.Max(r => r.Tokens.Length);
        _tokens = new long[Rows * Length];
        _lossMask = new float[Rows * (Length - 1)];
        for (var r = 0; r < Rows; r++)
        {
            var row = rows[r];
            for (var t = 0; t < row.Tokens.Length; t++) _tokens[r * Length + t] = row.Tokens[t];
            // Target t+1 is predicted at position t; it counts when it belongs to the completion.
            for (var t = row.PromptLength; t < row.Tokens.Length; t++) _lossMask[r * (Length - 1) + t - 1] = 1f;
            TokenCount += row.Tokens.Length;
        }
    }

    public int Rows { get; }
    public int Length { get; }

    /// <summary>Non-padding tokens, counted on the host so throughput needs no device read.</summary>
    public long TokenCount { get; }

    /// <summary>Copies the batch to <paramref name="device"/>. Call inside the step's dispose scope.</summary>
    public SequenceTensors ToDevice(Device device)
    {
        var tokens = tensor(_tokens, [Rows, Length], ScalarType.Int64).to(device);
        var mask = tensor(_lossMask, [Rows, Length - 1], ScalarType.Float32).to(device);
        return new SequenceTensors(tokens, mask);
    }
}

/// <summary>
/// Token ids [rows, length] and the completion mask over next-token targets [rows, length − 1]: 1 where the
/// target token is part of the completion.
/// </summary>
public sealed record SequenceTensors(Tensor Tokens, Tensor LossMask);
