using AlignDsl.Tokenization;

namespace AlignDsl.Tests.Tokenizers;

/// <summary>
/// A byte-level BPE small enough to run by hand. The ids expected below follow Hugging Face's algorithm: split with
/// GPT-2's pattern (" world" keeps its space, written Ġ), then repeatedly merge the adjacent pair of lowest rank.
/// </summary>
public sealed class HandBuiltBpeTests
{
    private static readonly Dictionary<string, int> Vocabulary = new()
    {
        ["h"] = 0, ["e"] = 1, ["l"] = 2, ["o"] = 3, ["Ġ"] = 4, ["w"] = 5, ["r"] = 6, ["d"] = 7,
        ["he"] = 8, ["ll"] = 9, ["re"] = 10, ["hell"] = 11, ["hello"] = 12, ["Ġw"] = 13, ["or"] = 14, ["Ġwor"] = 15,
    };

    // Rank = line order. "r e" outranks "o r", so "ore" becomes o + re, not or + e.
    private static readonly string[] Merges = ["h e", "l l", "r e", "he ll", "hell o", "Ġ w", "o r", "Ġw or"];

    private static TokenizerFolder VocabAndMerges() => new TokenizerFolder()
        .WriteJson("vocab.json", Vocabulary)
        .Write("merges.txt", "#version: 0.2\n" + string.Join("\n", Merges) + "\n")
        .WriteJson("tokenizer_config.json", new
        {
            eos_token = "<|endoftext|>",
            added_tokens_decoder = new Dictionary<string, object> { ["16"] = new { content = "<|endoftext|>", special = true } },
        });

    [Theory]
    [InlineData("hello", new[] { 12 })]                 // h e l l o → he l l o → he ll o → hell o → hello
    [InlineData("hello world", new[] { 12, 15, 2, 7 })] // Ġ w o r l d → Ġw o r l d → Ġw or l d → Ġwor l d
    [InlineData(" ore", new[] { 4, 3, 10 })]            // Ġ o r e: "r e" (rank 2) beats "o r" (rank 6)
    [InlineData("hello<|endoftext|>", new[] { 12, 16 })] // an added token is matched whole
    public void Vocab_and_merges_encode_as_the_bpe_algorithm_says(string text, int[] expected)
    {
        using var folder = VocabAndMerges();
        var tokenizer = HfTokenizer.Load(folder.Path);
        Assert.Equal(expected, tokenizer.Encode(text));
        Assert.Equal(text, tokenizer.Decode(expected));
        Assert.Equal(16, tokenizer.EndOfSequence);
        Assert.Equal(17, tokenizer.VocabularySize);
    }

    [Fact]
    public void Tokenizer_json_with_a_split_pattern_and_added_tokens_encodes_like_the_same_vocab()
    {
        using var folder = new TokenizerFolder().WriteJson("tokenizer.json", new
        {
            added_tokens = new[] { new { id = 16, content = "<s>", special = true }, new { id = 17, content = "</s>", special = true } },
            normalizer = (object?)null,
            // Llama 3 / Qwen2 shape: a regex Split isolates words, then ByteLevel maps bytes without splitting again.
            pre_tokenizer = new
            {
                type = "Sequence",
                pretokenizers = new object[]
                {
                    new { type = "Split", pattern = new { Regex = @"\s?\p{L}+|\s+" }, behavior = "Isolated", invert = false },
                    new { type = "ByteLevel", add_prefix_space = false, trim_offsets = false, use_regex = false },
                },
            },
            post_processor = new
            {
                type = "TemplateProcessing",
                single = new object[] { new { SpecialToken = new { id = "<s>", type_id = 0 } }, new { Sequence = new { id = "A", type_id = 0 } } },
            },
            model = new { type = "BPE", vocab = Vocabulary, merges = Merges.Select(m => m.Split(' ')).ToArray() },
        }).WriteJson("tokenizer_config.json", new { bos_token = "<s>", eos_token = new { content = "</s>" } });
        var tokenizer = HfTokenizer.Load(folder.Path);
        Assert.Equal("byte-level BPE (tokenizer.json)", tokenizer.Kind);
        Assert.Equal(new[] { 16, 12, 15, 2, 7, 17 }, tokenizer.Encode("<s>hello world</s>"));
        Assert.Equal((16, 17), (tokenizer.BeginningOfSequence, tokenizer.EndOfSequence));
        Assert.True(tokenizer.AddsBeginningOfSequence);
        Assert.Equal(new[] { 16, 12 }, tokenizer.EncodeWithSpecialTokens("hello"));
        Assert.Equal(17, tokenizer.Padding); // no pad token: EOS pads
    }

    [Theory]
    [InlineData(true, new[] { 3, 4, 2, 5 })]      // "abab" is in the vocabulary whole; " ab" is not, so merges make Ġ + ab; <s> is special
    [InlineData(false, new[] { 2, 2, 4, 2, 5 })]  // merges alone: ab ab
    public void Ignore_merges_takes_a_pre_token_the_vocabulary_holds_whole(bool ignoreMerges, int[] expected)
    {
        using var folder = new TokenizerFolder().WriteJson("tokenizer.json", new
        {
            added_tokens = new[] { new { id = 5, content = "<s>", special = true } },
            pre_tokenizer = new { type = "ByteLevel", add_prefix_space = false, use_regex = true },
            model = new
            {
                type = "BPE", ignore_merges = ignoreMerges,
                vocab = new Dictionary<string, int> { ["a"] = 0, ["b"] = 1, ["ab"] = 2, ["abab"] = 3, ["Ġ"] = 4 },
                merges = new[] { "a b" },
            },
        });
        var tokenizer = HfTokenizer.Load(folder.Path);
        Assert.Equal(expected, tokenizer.Encode("abab ab<s>"));
        Assert.Equal(expected, tokenizer.EncodeWithSpans("abab ab<s>").Select(s => s.Id));
        Assert.Equal(10, tokenizer.EncodeWithSpans("abab ab<s>").Last().End);
    }

    [Fact]
    public void Token_spans_cover_the_text_they_came_from()
    {
        using var folder = VocabAndMerges();
        var spans = HfTokenizer.Load(folder.Path).EncodeWithSpans("hello world");
        Assert.Equal(new[] { (0, 5), (5, 4), (9, 1), (10, 1) }, spans.Select(s => (s.Start, s.Length)));
    }

    [Fact]
    public void Generation_config_supplies_ids_the_tokenizer_config_does_not_name()
    {
        using var folder = VocabAndMerges().WriteJson("tokenizer_config.json", new { }).WriteJson("generation_config.json", new { bos_token_id = 0, eos_token_id = new[] { 7, 8 } });
        var tokenizer = HfTokenizer.Load(folder.Path);
        Assert.Equal((0, 7), (tokenizer.BeginningOfSequence, tokenizer.EndOfSequence));
    }

    [Fact]
    public void An_unsupported_model_type_is_named()
    {
        using var folder = new TokenizerFolder().WriteJson("tokenizer.json", new { model = new { type = "WordPiece", vocab = new { } } });
        var error = Assert.Throws<NotSupportedException>(() => HfTokenizer.Load(folder.Path));
        Assert.Contains("model type 'WordPiece' is not supported", error.Message);
    }

    [Fact]
    public void A_sentencepiece_style_bpe_json_is_named()
    {
        using var folder = new TokenizerFolder().WriteJson("tokenizer.json", new
        {
            pre_tokenizer = new { type = "Metaspace", replacement = "▁" },
            model = new { type = "BPE", vocab = new { }, merges = Array.Empty<string>() },
        });
        var error = Assert.Throws<NotSupportedException>(() => HfTokenizer.Load(folder.Path));
        Assert.Contains("pre_tokenizer 'Metaspace' is not supported", error.Message);
    }

    [Fact]
    public void A_folder_without_a_tokenizer_lists_what_it_holds()
    {
        using var folder = new TokenizerFolder().Write("config.json", "{}").Write("vocab.txt", "");
        var error = Assert.Throws<NotSupportedException>(() => HfTokenizer.Load(folder.Path));
        Assert.Contains("found config.json, vocab.txt", error.Message);
    }
}
