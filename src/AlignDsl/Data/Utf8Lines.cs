using System.Text;

namespace AlignDsl.Data;

/// <summary>
/// The lines of a UTF-8 file, streamed, each decoded strictly: a byte that is not UTF-8 (a Latin-1 'é', say) fails with
/// its line and column instead of becoming U+FFFD and silently changing the text trained on. A leading BOM is skipped;
/// lines end at '\n', with a '\r' before it dropped.
/// </summary>
internal static class Utf8Lines
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEnumerable<(int Number, string Text)> Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        var line = new List<byte>(256);
        var number = 0;
        var buffer = new byte[1 << 16];
        var first = true;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            if (first && read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) start = 3;
            first = false;
            for (var i = start; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    line.Add(buffer[i]);
                    continue;
                }
                yield return (++number, Decode(line, path, number));
                line.Clear();
            }
        }
        if (line.Count > 0) yield return (++number, Decode(line, path, number));
    }

    private static string Decode(List<byte> bytes, string path, int number)
    {
        var count = bytes.Count > 0 && bytes[^1] == (byte)'\r' ? bytes.Count - 1 : bytes.Count;
        var array = bytes.GetRange(0, count).ToArray();
        try { return Strict.GetString(array); }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? e.Index : 0;
            var bad = e.BytesUnknown is { Length: > 0 } unknown ? string.Join(" ", unknown.Select(b => $"0x{b:X2}")) : "?";
            throw new DataFormatException(path, number, null,
                $"not valid UTF-8 at byte {at + 1} of the line ({bad}): save the file as UTF-8 (a Latin-1 or Windows-1252 file is not)");
        }
    }
}
