namespace AlignDsl.Tests.EndToEnd;

/// <summary>Bad data fails the run before it starts: a located error, a non-zero exit, no run folder left behind.</summary>
public sealed class BadInputTests
{
    public const string BadFile = "testdata/bad-demonstrations.jsonl";

    [Fact]
    public async Task A_line_missing_a_field_fails_with_file_line_and_field()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(BadFile))!);
        File.WriteAllLines(BadFile, ["""{"prompt":"a","completion":"b"}""", """{"prompt":"c"}"""]);
        var root = Path.Combine(Path.GetTempPath(), $"aligndsl-bad-{Guid.NewGuid():N}");
        try
        {
            var (exitCode, _, error) = await Host.RunAsync("run", "test-jsonl-sft", "--out", root);
            Assert.Equal(1, exitCode);
            Assert.Contains($"{BadFile}:2: field 'completion': missing", error);
            Assert.Empty(Directory.Exists(root) ? Directory.GetDirectories(root, "*", SearchOption.AllDirectories).Where(d => !d.EndsWith("test-jsonl-sft", StringComparison.Ordinal)) : []);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
