using System.Text;
using AlignDsl.Data;

namespace AlignDsl.Tests.Data;

/// <summary>A large file's rows are checked once and left on disk: every later pass reads the same rows, and errors keep their lines.</summary>
public sealed class StreamedRowsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"aligndsl-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Streamed_rows_are_the_rows_read_into_memory()
    {
        VariedJsonl.WritePairs(_path, 600);

        var inMemory = JsonlReader.ReadPairs(_path);
        var streamed = JsonlReader.ReadPairsOrStream(_path, streamFromBytes: 0);

        Assert.IsType<List<PreferencePair>>(inMemory);
        var rows = Assert.IsType<JsonlRows<PreferencePair>>(streamed);
        Assert.Equal(inMemory, streamed);
        Assert.Equal(inMemory[457], rows[457]);
        Assert.Equal(inMemory.Skip(100).Take(50), rows.Slice(100, 50));
        Assert.Equal(inMemory.Select(p => p.Prompt.ToUpperInvariant()), rows.Map(p => p.Prompt.ToUpperInvariant()));
    }

    [Fact]
    public void A_split_of_streamed_rows_trains_on_disk_and_holds_out_the_same_last_tenth_in_memory()
    {
        VariedJsonl.WritePairs(_path, 600);

        var inMemory = JsonlReader.ReadSplit(_path, null, JsonlReader.ReadPairs);
        var streamed = JsonlReader.ReadSplit(_path, null, p => JsonlReader.ReadPairsOrStream(p, streamFromBytes: 0));

        Assert.IsType<JsonlRows<PreferencePair>>(streamed.Train);
        Assert.IsType<List<PreferencePair>>(streamed.HeldOut);
        Assert.Equal(inMemory.Train, streamed.Train);
        Assert.Equal(inMemory.HeldOut, streamed.HeldOut);
        Assert.Equal(60, streamed.HeldOut.Count);
    }

    [Fact]
    public void An_error_deep_in_a_large_file_names_its_line()
    {
        // 40,000 lines span dozens of 64 KiB read buffers; blank lines count as lines.
        VariedJsonl.WritePairs(_path, 40_000);
        var lines = File.ReadAllLines(_path);
        Assert.True(new FileInfo(_path).Length > JsonlReader.StreamFromBytes);

        lines[38_123] = "{\"prompt\":\"p\",\"chosen\":\"c\",\"rejected\": oops}";
        File.WriteAllLines(_path, lines);
        var json = Assert.Throws<DataFormatException>(() => JsonlReader.ReadPairs(_path));
        Assert.Equal(38_124, json.Line);
        Assert.StartsWith($"{_path}:38124: not valid JSON at byte ", json.Message, StringComparison.Ordinal);

        lines[38_123] = "{\"prompt\":\"p\",\"chosen\":\"c\",\"rejected\":\"r\",\"chosen\":\"x\"}";
        File.WriteAllLines(_path, lines);
        var duplicate = Assert.Throws<DataFormatException>(() => JsonlReader.ReadPairs(_path));
        Assert.Equal((38_124, "chosen"), (duplicate.Line, duplicate.Field));

        lines[38_123] = "{\"prompt\":\"p\",\"chosen\":\"c\",\"rejected\":\"r\"}";
        var latin1 = lines.Select(l => Encoding.UTF8.GetBytes(l + "\n")).ToList();
        latin1[39_001] = Encoding.Latin1.GetBytes("{\"prompt\":\"p\",\"chosen\":\"café\",\"rejected\":\"r\"}\n");
        File.WriteAllBytes(_path, latin1.SelectMany(b => b).ToArray());
        var utf8 = Assert.Throws<DataFormatException>(() => JsonlReader.ReadPairs(_path));
        Assert.Equal(39_002, utf8.Line);
        Assert.Contains("not valid UTF-8 at byte 28 of the line (0xE9)", utf8.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_changed_after_it_was_checked_is_an_error_not_unchecked_rows()
    {
        VariedJsonl.WritePairs(_path, 200);
        var rows = JsonlReader.ReadPairsOrStream(_path, streamFromBytes: 0);

        File.AppendAllText(_path, "{\"prompt\":\"p\",\"chosen\":\"c\"}\n");

        var error = Assert.Throws<InvalidOperationException>(() => rows.ToList());
        Assert.Contains("changed on disk after it was checked", error.Message, StringComparison.Ordinal);
    }
}
