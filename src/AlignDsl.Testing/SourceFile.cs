namespace AlignDsl.Testing;

/// <summary>One source of a snapshot compilation.</summary>
/// <param name="Path">The path the syntax tree gets, which diagnostics show: a name or a relative path, never machine-specific.</param>
/// <param name="Text">The C# text.</param>
internal sealed record SourceFile(string Path, string Text);
