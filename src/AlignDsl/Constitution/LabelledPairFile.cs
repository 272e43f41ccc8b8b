using System.Text.Json;
using AlignDsl.Data;

namespace AlignDsl.Constitution;

/// <summary>
/// Labelled pairs as JSONL, <c>{"prompt","chosen","rejected","principle","probability"}</c>, so a run can label, save
/// the data with its provenance, then train. <see cref="JsonlReader.ReadPairs"/> reads the same file as plain pairs.
/// </summary>
public static class LabelledPairFile
{
    public static void Write(string path, IEnumerable<LabelledPair> pairs) =>
        File.WriteAllLines(path, pairs.Select(l => JsonSerializer.Serialize(
            new Line(l.Pair.Prompt, l.Pair.Chosen, l.Pair.Rejected, l.Principle, l.Probability), Jsonl.Options)));

    /// <summary>Reads every line, failing on the first bad one with its file, line and field.</summary>
    public static IReadOnlyList<LabelledPair> Read(string path) =>
        Jsonl.Read(path, (obj, line) =>
        {
            var principle = Jsonl.String(obj, "principle", path, line);
            var pair = new PreferencePair(Jsonl.String(obj, "prompt", path, line), Jsonl.String(obj, "chosen", path, line),
                Jsonl.String(obj, "rejected", path, line), principle);
            return new LabelledPair(pair, principle, Jsonl.Number(obj, "probability", path, line));
        });

    private sealed record Line(string Prompt, string Chosen, string Rejected, string Principle, double Probability);
}
