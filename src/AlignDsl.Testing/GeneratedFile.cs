namespace AlignDsl.Testing;

/// <summary>One source file added by the generator.</summary>
/// <param name="HintName">The name the generator gave the file, for example <c>Foo.g.cs</c>.</param>
/// <param name="Text">The generated text, exactly as emitted.</param>
public sealed record GeneratedFile(string HintName, string Text);
