using AlignDsl.Data;

namespace AlignDsl.Tests.Data;

public sealed class JsonlReaderTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"aligndsl-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_path);

    private string Write(params string[] lines)
    {
        File.WriteAllLines(_path, lines);
        return _path;
    }

    [Fact]
    public void Reads_pairs_and_skips_blank_lines()
    {
        var pairs = JsonlReader.ReadPairs(Write("""{"prompt":"p","chosen":"c","rejected":"r"}""", "", """{"prompt":"p2","chosen":"c2","rejected":"r2","extra":1}"""));
        Assert.Equal([new PreferencePair("p", "c", "r"), new PreferencePair("p2", "c2", "r2")], pairs);
    }

    [Fact]
    public void Invalid_json_names_file_and_line()
    {
        var error = Assert.Throws<DataFormatException>(() => JsonlReader.ReadPairs(Write("""{"prompt":"p","chosen":"c","rejected":"r"}""", "{not json")));
        Assert.Equal(2, error.Line);
        Assert.StartsWith($"{_path}:2: not valid JSON", error.Message);
    }

    [Fact]
    public void Missing_field_names_the_field()
    {
        var error = Assert.Throws<DataFormatException>(() => JsonlReader.ReadPairs(Write("""{"prompt":"p","chosen":"c"}""")));
        Assert.Equal("rejected", error.Field);
        Assert.Equal($"{_path}:1: field 'rejected': missing", error.Message);
    }

    [Fact]
    public void Wrong_type_names_the_field_and_what_was_found()
    {
        var error = Assert.Throws<DataFormatException>(() => JsonlReader.ReadDemonstrations(Write("""{"prompt":"p","completion":3}""")));
        Assert.Equal($"{_path}:1: field 'completion': expected a string, found Number", error.Message);
    }

    [Fact]
    public void Without_a_held_out_file_the_last_tenth_is_held_out()
    {
        var path = Write(Enumerable.Range(0, 20).Select(i => $$"""{"prompt":"p{{i}}","completion":"c"}""").ToArray());
        var split = JsonlReader.ReadSplit(path, null, JsonlReader.ReadDemonstrations);
        Assert.Equal(18, split.Train.Count);
        Assert.Equal(["p18", "p19"], split.HeldOut.Select(d => d.Prompt));
    }

    [Fact]
    public void Empty_file_is_an_error()
    {
        Assert.Throws<DataFormatException>(() => JsonlReader.ReadPairs(Write("")));
    }
}
