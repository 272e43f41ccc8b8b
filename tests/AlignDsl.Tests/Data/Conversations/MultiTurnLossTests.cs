using AlignDsl.Chat;
using AlignDsl.Data;
using AlignDsl.Data.Conversations;
using AlignDsl.Tests.Tokenizers;
using AlignDsl.Tokenization;

namespace AlignDsl.Tests.Data.Conversations;

/// <summary>
/// A <c>messages</c> conversation learns every assistant turn, as TRL's assistant-only loss does; a prompt-completion
/// row learns its completion alone, as TRL's completion-only loss does.
/// </summary>
public sealed class MultiTurnLossTests
{
    private static readonly ChatMessage[] TwoTurns =
    [
        new("system", "Be brief."), ChatMessage.FromUser("Hi"), ChatMessage.FromAssistant("Hello there."),
        ChatMessage.FromUser("Bread?"), ChatMessage.FromAssistant("Flour, water, yeast."),
    ];

    private static readonly ConversationFormatter ChatMl = new(ChatTemplate.Parse(ChatTemplates.ChatMl));

    /// <summary>The text of the tokens the loss counts, in order; the appended end of sequence, the last, shown as [EOS].</summary>
    private static string Learned(ITokenizer tokenizer, TokenizedSequence sequence)
    {
        var ids = LearnedIds(sequence).ToList();
        Assert.Equal(TokenizerIds.EndOfSequenceId(tokenizer), ids[^1]);
        return string.Concat(ids.SkipLast(1).Select(id => tokenizer.Decode([id]))) + "[EOS]";
    }

    [Fact]
    public void Every_assistant_turn_of_a_messages_conversation_is_learned_with_its_closing()
    {
        var demonstration = ChatMl.ToDemonstration(new TrlExample(TrlShape.LanguageModeling, Completion: Turns.Of(TwoTurns)));
        var (start, length) = Assert.Single(demonstration.EarlierAnswers!);
        Assert.Equal("Hello there.<|im_end|>\n", demonstration.Prompt.Substring(start, length));

        var tokenizer = Gpt2Files.Tokenizer.Value;
        var sequence = TokenizedSequence.Create(tokenizer, demonstration.Prompt, demonstration.Completion, 256, demonstration.EarlierAnswers);
        Assert.Equal("Hello there.<|im_end|>\nFlour, water, yeast.<|im_end|>\n[EOS]", Learned(tokenizer, sequence));
        // The same as the assistant mask of the whole conversation, which locates every turn in the rendered text.
        var masked = AssistantMask.Encode(ChatTemplate.Parse(ChatTemplates.ChatMl), tokenizer, TwoTurns);
        Assert.Equal(masked.Ids.Where((_, t) => masked.AssistantMask[t] == 1), LearnedIds(sequence).SkipLast(1));
        // Packed with the rest of a data set, the ranges come back with the sequence.
        var packed = DemonstrationData.Tokenize([new Demonstration("user: a\nassistant:", " b"), demonstration], tokenizer, 256).Sequences;
        Assert.Null(packed[0].PromptAnswers);
        Assert.Equal(sequence.PromptAnswers!, packed[1].PromptAnswers!);
    }

    /// <summary>The ids of the targets the loss counts (the batch's mask over next-token targets).</summary>
    private static IEnumerable<int> LearnedIds(TokenizedSequence sequence)
    {
        using var mask = new SequenceBatch([sequence]).ToDevice(TorchSharp.torch.CPU).LossMask;
        var values = mask.data<float>().ToArray();
        return sequence.Tokens.Skip(1).Where((_, t) => values[t] == 1f).ToList();
    }

    [Fact]
    public void A_prompt_completion_row_learns_its_completion_alone()
    {
        var demonstration = ChatMl.ToDemonstration(new TrlExample(TrlShape.PromptCompletion, Turns.Of(TwoTurns[..4]), Turns.Of(TwoTurns[4..])));
        Assert.False(demonstration.LearnsEveryAnswer);
        Assert.Null(demonstration.EarlierAnswers);
        var tokenizer = Gpt2Files.Tokenizer.Value;
        Assert.Equal("Flour, water, yeast.<|im_end|>\n[EOS]",
            Learned(tokenizer, TokenizedSequence.Create(tokenizer, demonstration.Prompt, demonstration.Completion, 256, demonstration.EarlierAnswers)));
    }

    [Fact]
    public void The_gym_frame_and_a_model_s_template_both_keep_every_answer()
    {
        // The tiny GPT's path: the conversation in the gym's frame; a pretrained model's: rendered again with its template.
        var gym = ConversationFormatter.Gym.ToDemonstration(new TrlExample(TrlShape.LanguageModeling, Completion: Turns.Of(TwoTurns[1..])));
        var (start, length) = Assert.Single(gym.EarlierAnswers!);
        Assert.Equal(" Hello there.", gym.Prompt.Substring(start, length));

        var rendered = new ChatFormat(ChatTemplate.Parse(ChatTemplates.ChatMl)).Demonstration(gym);
        Assert.True(rendered.LearnsEveryAnswer);
        var (s, l) = Assert.Single(rendered.EarlierAnswers!);
        Assert.Equal("Hello there.<|im_end|>\n", rendered.Prompt.Substring(s, l));
    }

    [Fact]
    public void A_prompt_cut_at_its_start_keeps_what_is_left_of_an_earlier_answer()
    {
        var demonstration = ChatMl.ToDemonstration(new TrlExample(TrlShape.LanguageModeling, Completion: Turns.Of(TwoTurns)));
        var tokenizer = Gpt2Files.Tokenizer.Value;
        var whole = TokenizedSequence.Create(tokenizer, demonstration.Prompt, demonstration.Completion, 256, demonstration.EarlierAnswers);
        // Cut so that the prompt keeps only the last two tokens of the first answer (and one completion token).
        var answerEnd = whole.PromptAnswers![1];
        var keepPrompt = whole.PromptLength - answerEnd + 2;
        var cut = TokenizedSequence.Create(tokenizer, demonstration.Prompt, demonstration.Completion, keepPrompt + 1, demonstration.EarlierAnswers);
        Assert.Equal(keepPrompt, cut.PromptLength);
        Assert.Equal([0, 2], cut.PromptAnswers!);
        Assert.Equal(whole.Tokens[(whole.PromptLength - keepPrompt)..(whole.PromptLength + 1)], cut.Tokens);
    }
}
