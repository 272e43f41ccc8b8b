using System.Text.Json;
using AlignDsl.Data;

namespace AlignDsl.Constitution;

/// <summary>
/// Revision chains as JSONL, <c>{"prompt","completion","initial","rounds":[{"principle","critique","revision"}]}</c>:
/// the whole chain for provenance, with the final answer as <c>completion</c>, so
/// <see cref="JsonlReader.ReadDemonstrations"/> reads the same file as SFT data.
/// </summary>
public static class RevisionChainFile
{
    public static void Write(string path, IEnumerable<RevisionChain> chains) =>
        File.WriteAllLines(path, chains.Select(c => JsonSerializer.Serialize(
            new Line(c.Prompt, c.FinalAnswer, c.InitialAnswer, c.Rounds.Select(r => new RoundLine(r.PrincipleId, r.Critique, r.Revision)).ToList()),
            Jsonl.Options)));

    /// <summary>Reads every line, failing on the first bad one with its file, line and field.</summary>
    public static IReadOnlyList<RevisionChain> Read(string path) =>
        Jsonl.Read(path, (obj, line) =>
        {
            var rounds = Jsonl.Property(obj, "rounds", path, line);
            if (rounds.ValueKind != JsonValueKind.Array) throw new DataFormatException(path, line, "rounds", $"expected an array, found {rounds.ValueKind}");
            return new RevisionChain(Jsonl.String(obj, "prompt", path, line), Jsonl.String(obj, "initial", path, line),
                rounds.EnumerateArray().Select(r => new RevisionRound(
                    Jsonl.String(r, "principle", path, line), Jsonl.String(r, "critique", path, line), Jsonl.String(r, "revision", path, line))).ToList(),
                Jsonl.String(obj, "completion", path, line));
        });

    private sealed record Line(string Prompt, string Completion, string Initial, IReadOnlyList<RoundLine> Rounds);

    private sealed record RoundLine(string Principle, string Critique, string Revision);
}
