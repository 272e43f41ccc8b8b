using System.Text;

namespace AlignDsl.Data;

/// <summary>
/// The lines of a UTF-8 file, streamed, each decoded strictly: a byte that is not UTF-8 (a Latin-1 'é', say) fails with
/// its line and column instead of becoming U+FFFD and silently changing the text trained on. A leading BOM is skipped;
/// lines end at '\n', with a '\r' before it dropped. Each line comes with the byte offset it starts at, so a later
/// pass can seek back to it instead of keeping its text.
/// </summary>
internal static class Utf8Lines
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEnumerable<(int Number, string Text)> Read(string path) => ReadFrom(path, 0, 1).Select(l => (l.Number, l.Text));

    /// <summary>The lines from byte <paramref name="offset"/> (a line's start) on, numbered from <paramref name="firstNumber"/>.</summary>
    /// <param name="bytesRead">Told the bytes consumed so far after each buffer, for progress.</param>
    public static IEnumerable<(int Number, long Offset, string Text)> ReadFrom(string path, long offset, int firstNumber, Action<long>? bytesRead = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        stream.Position = offset;
        var buffer = new byte[1 << 16];
        var line = new byte[256];
        var lineLength = 0;
        var lineStart = offset;
        var position = offset;
        var number = firstNumber - 1;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            if (position == 0 && read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) lineStart = start = 3;
            while (start < read)
            {
                var end = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                var chunk = buffer.AsSpan(start, (end < 0 ? read : end) - start);
                if (lineLength + chunk.Length > line.Length) Array.Resize(ref line, Math.Max(line.Length * 2, lineLength + chunk.Length));
                chunk.CopyTo(line.AsSpan(lineLength));
                lineLength += chunk.Length;
                if (end < 0) break;
                yield return (++number, lineStart, Decode(line.AsSpan(0, lineLength), path, number));
                lineLength = 0;
                start = end + 1;
                lineStart = position + start;
            }
            position += read;
            bytesRead?.Invoke(position - offset);
        }
        if (lineLength > 0) yield return (++number, lineStart, Decode(line.AsSpan(0, lineLength), path, number));
    }

    private static string Decode(ReadOnlySpan<byte> bytes, string path, int number)
    {
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r') bytes = bytes[..^1];
        try { return Strict.GetString(bytes); }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? e.Index : 0;
            var bad = e.BytesUnknown is { Length: > 0 } unknown ? string.Join(" ", unknown.Select(b => $"0x{b:X2}")) : "?";
            throw new DataFormatException(path, number, null,
                $"not valid UTF-8 at byte {at + 1} of the line ({bad}): save the file as UTF-8 (a Latin-1 or Windows-1252 file is not)");
        }
    }
}
