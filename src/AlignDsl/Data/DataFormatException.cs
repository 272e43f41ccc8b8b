namespace AlignDsl.Data;

/// <summary>Bad input data, located: the file, the 1-based line (0 for the file as a whole) and the field at fault.</summary>
public sealed class DataFormatException(string file, int line, string? field, string problem)
    : Exception($"{file}{(line > 0 ? $":{line}" : "")}: {(field is null ? "" : $"field '{field}': ")}{problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string? Field { get; } = field;
}
