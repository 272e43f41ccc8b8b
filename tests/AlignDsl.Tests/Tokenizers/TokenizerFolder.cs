using System.Text.Json;

namespace AlignDsl.Tests.Tokenizers;

/// <summary>A temporary model folder holding tokenizer files a test writes; deleted on dispose.</summary>
internal sealed class TokenizerFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("align-tokenizer-").FullName;

    public TokenizerFolder Write(string name, string text)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, name), text);
        return this;
    }

    public TokenizerFolder WriteJson(string name, object value) => Write(name, JsonSerializer.Serialize(value));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
