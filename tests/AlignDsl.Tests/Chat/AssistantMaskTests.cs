using AlignDsl.Chat;
using AlignDsl.Tests.Tokenizers;
using AlignDsl.Tokenization;

namespace AlignDsl.Tests.Chat;

/// <summary>Assistant-only loss masks on GPT-2's real vocabulary with ChatML's special tokens, the template read from the folder.</summary>
public sealed class AssistantMaskTests
{
    private static readonly ChatMessage[] Conversation =
    [
        new("system", "Be brief."),
        ChatMessage.FromUser("Capital of France?"),
        ChatMessage.FromAssistant("Paris."),
        ChatMessage.FromUser("And Italy?"),
        ChatMessage.FromAssistant("Rome."),
    ];

    [Fact]
    public void The_mask_covers_exactly_each_assistant_turn_and_its_closing_tokens()
    {
        var tokenizer = Gpt2Files.Tokenizer.Value;
        var template = ChatTemplate.FromModelFolder(Gpt2Files.Folder.Value);
        var masked = AssistantMask.Encode(template, tokenizer, Conversation);

        Assert.Equal(tokenizer.Encode(masked.Text), masked.Ids); // the ids of the whole text, as the model trains on it
        var assistantRuns = Runs(masked).Where(r => r.Masked).Select(r => tokenizer.Decode(r.Ids)).ToList();
        Assert.Equal(["Paris.<|im_end|>\n", "Rome.<|im_end|>\n"], assistantRuns);
        Assert.Equal(
            "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nCapital of France?<|im_end|>\n<|im_start|>assistant\n",
            tokenizer.Decode(Runs(masked).First().Ids));
        Assert.Equal(50258, masked.Ids[Array.LastIndexOf(masked.AssistantMask, 1) - 1]); // <|im_end|> is learned
    }

    [Fact]
    public void A_conversation_without_assistant_turns_masks_nothing()
    {
        var masked = AssistantMask.Encode(ChatTemplate.Parse(ChatTemplates.ChatMl), Gpt2Files.Tokenizer.Value, [ChatMessage.FromUser("Hi")]);
        Assert.All(masked.AssistantMask, m => Assert.Equal(0, m));
        Assert.NotEmpty(masked.Ids);
    }

    [Fact]
    public void Llama3s_trimmed_turns_are_located_by_rendering_not_by_searching_the_content()
    {
        var tokenizer = Gpt2Files.Tokenizer.Value;
        var masked = AssistantMask.Encode(ChatTemplate.Parse(ChatTemplates.Llama3), tokenizer, [ChatMessage.FromUser("Hi"), ChatMessage.FromAssistant("  Paris.  ")], "<|endoftext|>", null);
        Assert.Equal(["Paris.<|eot_id|>"], Runs(masked).Where(r => r.Masked).Select(r => tokenizer.Decode(r.Ids)));
    }

    [Fact]
    public void A_template_that_renders_a_turn_differently_once_followed_is_refused()
    {
        // Marks only the final message: an earlier assistant turn renders differently once something follows it.
        var template = ChatTemplate.Parse("{% for m in messages %}{{ m.content }}{% if loop.last %}!{% endif %}{% endfor %}");
        var error = Assert.Throws<InvalidOperationException>(() =>
            AssistantMask.Encode(template, Gpt2Files.Tokenizer.Value, [ChatMessage.FromAssistant("a"), ChatMessage.FromUser("b")]));
        Assert.Contains("assistant turn 1", error.Message);
    }

    private static List<(bool Masked, List<int> Ids)> Runs(MaskedConversation masked)
    {
        var runs = new List<(bool Masked, List<int> Ids)>();
        for (var i = 0; i < masked.Ids.Length; i++)
        {
            var isAssistant = masked.AssistantMask[i] == 1;
            if (runs.Count == 0 || runs[^1].Masked != isAssistant) runs.Add((isAssistant, []));
            runs[^1].Ids.Add(masked.Ids[i]);
        }
        return runs;
    }
}
