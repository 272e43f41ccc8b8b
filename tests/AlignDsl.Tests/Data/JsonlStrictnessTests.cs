using System.Text;
using AlignDsl.Data;

namespace AlignDsl.Tests.Data;

/// <summary>
/// What the reader once let through or reported badly: bytes that are not UTF-8 (silently U+FFFD), duplicate keys (the
/// last silently won), an empty file reported at "line 0", and the parser's "LineNumber: 0" repeated after the real line.
/// </summary>
public sealed class JsonlStrictnessTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"aligndsl-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_path);

    private string WriteBytes(byte[] bytes)
    {
        File.WriteAllBytes(_path, bytes);
        return _path;
    }

    private string Write(string text) => WriteBytes(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_Latin1_byte_is_an_error_at_its_line_not_a_replacement_character()
    {
        var good = Encoding.UTF8.GetBytes("{\"prompt\":\"p\",\"chosen\":\"café\",\"rejected\":\"r\"}\n");
        var latin1 = Encoding.Latin1.GetBytes("{\"prompt\":\"p\",\"chosen\":\"café\",\"rejected\":\"r\"}\n");

        var error = Assert.Throws<DataFormatException>(() => JsonlReader.ReadPairs(WriteBytes([.. good, .. latin1])));

        Assert.Equal(2, error.Line);
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Contains("0xE9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_UTF8_with_a_BOM_and_CRLF_line_ends_reads_exactly()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("{\"prompt\":\"p\",\"chosen\":\"café ✓\",\"rejected\":\"r\"}\r\n\r\n")).ToArray();
        var pair = Assert.Single(JsonlReader.ReadPairs(WriteBytes(bytes)));
        Assert.Equal(new PreferencePair("p", "café ✓", "r"), pair);
    }

    [Theory]
    [InlineData("{\"prompt\":\"p\",\"chosen\":\"c\",\"rejected\":\"r\",\"chosen\":\"x\"}", "chosen")]
    [InlineData("{\"prompt\":\"p\",\"chosen\":\"c\",\"rejected\":\"r\",\"meta\":{\"a\":1,\"a\":2}}", "meta.a")]
    public void A_key_written_twice_is_an_error_naming_it(string line, string field)
    {
        var error = Assert.Throws<DataFormatException>(() => JsonlReader.ReadPairs(Write("{\"prompt\":\"p\",\"chosen\":\"c\",\"rejected\":\"r\"}\n" + line + "\n")));
        Assert.Equal(2, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains("appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_reported_for_the_file_not_at_line_0()
    {
        var error = Assert.Throws<DataFormatException>(() => JsonlReader.ReadPairs(Write("")));
        Assert.Equal($"{_path}: the file is empty: it holds no examples", error.Message);

        var blank = Assert.Throws<DataFormatException>(() => JsonlReader.ReadPairs(Write("\n  \n")));
        Assert.Equal($"{_path}: the file holds no examples, only 2 blank line(s)", blank.Message);
    }

    [Fact]
    public void The_parser_message_gives_the_column_once_and_no_LineNumber()
    {
        var error = Assert.Throws<DataFormatException>(() => JsonlReader.ReadPairs(Write("{\"prompt\":\"p\",\"chosen\":\"c\",\"rejected\":\"r\"}\n{\"prompt\": oops}\n")));
        Assert.StartsWith($"{_path}:2: not valid JSON at byte 12 of the line (", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", error.Message, StringComparison.Ordinal);
    }
}
