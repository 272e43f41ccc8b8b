using System.Text;
using System.Text.Json;

namespace AlignDsl.Tests.Data;

/// <summary>
/// Seeded JSONL files whose rows vary the way real data does: empty prompts, accents, CJK and emoji, answers longer than
/// any MaxLength, identical chosen and rejected answers, blank lines between rows and CRLF line ends.
/// </summary>
internal static class VariedJsonl
{
    private static readonly string[] Words =
        ["the", "capital", "of", "france", "is", "paris", "café", "✓", "日本語", "😀", "naïve", "refuse", "help", "kill", "a", "process", "\"quoted\"", "tab\there", "new\nline"];

    /// <summary>A random text of 0 to <paramref name="maxWords"/> words.</summary>
    public static string Text(Random random, int maxWords) =>
        string.Join(' ', Enumerable.Range(0, random.Next(maxWords + 1)).Select(_ => Words[random.Next(Words.Length)]));

    /// <summary>Preference pairs, with a blank line after every 97th and a CRLF after every 5th.</summary>
    public static string WritePairs(string path, int rows, int seed = 7)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        for (var i = 0; i < rows; i++)
        {
            var prompt = i % 50 == 0 ? "" : Text(random, 12);
            var chosen = i % 13 == 0 ? Text(random, 120) : Text(random, 20);
            var rejected = i % 31 == 0 ? chosen : Text(random, 20);
            writer.Write(JsonSerializer.Serialize(new { prompt, chosen, rejected }));
            writer.Write(i % 5 == 0 ? "\r\n" : "\n");
            if (i % 97 == 0) writer.Write("\n");
        }
        return path;
    }

    /// <summary>Unpaired feedback with labels alternating in runs.</summary>
    public static string WriteFeedback(string path, int rows, int seed = 11)
    {
        var random = new Random(seed);
        File.WriteAllLines(path, Enumerable.Range(0, rows).Select(i =>
            JsonSerializer.Serialize(new { prompt = Text(random, 12), completion = Text(random, 40), label = i % 3 != 0 })));
        return path;
    }
}
