using AlignDsl.Chat;
using AlignDsl.Data;
using AlignDsl.Data.Conversations;

namespace AlignDsl.Tests.Data.Conversations;

/// <summary>Every TRL dataset shape, standard and conversational, and HH-RLHF's transcripts, as users have them on disk.</summary>
public sealed class TrlFormatTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();
    private static readonly ConversationFormatter ChatMl = new(ChatTemplate.Parse(ChatTemplates.ChatMl));

    public void Dispose() => File.Delete(_path);

    private string Write(params string[] lines)
    {
        File.WriteAllLines(_path, lines);
        return _path;
    }

    [Theory]
    [InlineData("""{"text":"The sky is blue."}""", TrlShape.LanguageModeling)]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"}]}""", TrlShape.LanguageModeling)]
    [InlineData("""{"prompt":"The sky is"}""", TrlShape.PromptOnly)]
    [InlineData("""{"prompt":[{"role":"user","content":"Sky colour?"}]}""", TrlShape.PromptOnly)]
    [InlineData("""{"prompt":"The sky is","completion":" blue."}""", TrlShape.PromptCompletion)]
    [InlineData("""{"prompt":"The sky is","chosen":" blue.","rejected":" green."}""", TrlShape.Preference)]
    [InlineData("""{"chosen":"The sky is blue.","rejected":"The sky is green."}""", TrlShape.ImplicitPromptPreference)]
    [InlineData("""{"prompt":"The sky is","completion":" blue.","label":true}""", TrlShape.UnpairedPreference)]
    [InlineData("""{"chosen":"\n\nHuman: Hi\n\nAssistant: Hello!","rejected":"\n\nHuman: Hi\n\nAssistant: Go away."}""", TrlShape.HhRlhf)]
    public void Each_shape_is_recognised(string line, TrlShape shape) => Assert.Equal(shape, ConversationalJsonl.Read(Write(line)).Single().Shape);

    [Fact]
    public void Conversational_preference_pairs_render_prompt_with_the_generation_prompt_and_answers_as_the_rest()
    {
        var pair = ConversationalJsonl.ReadPairs(Write(
            """{"prompt":[{"role":"user","content":"Sky colour?"}],"chosen":[{"role":"assistant","content":"Blue."}],"rejected":[{"role":"assistant","content":"Green."}]}"""), ChatMl).Single();
        Assert.Equal(new PreferencePair("<|im_start|>user\nSky colour?<|im_end|>\n<|im_start|>assistant\n", "Blue.<|im_end|>\n", "Green.<|im_end|>\n"), pair);
    }

    [Fact]
    public void An_implicit_prompt_is_the_messages_chosen_and_rejected_share()
    {
        var pair = ConversationalJsonl.ReadPairs(Write(
            """{"chosen":[{"role":"user","content":"Sky colour?"},{"role":"assistant","content":"Blue."}],"rejected":[{"role":"user","content":"Sky colour?"},{"role":"assistant","content":"Green."}]}""")).Single();
        Assert.Equal(new PreferencePair("user: Sky colour?\nassistant:", " Blue.", " Green."), pair); // the gym's format by default
    }

    [Fact]
    public void An_implicit_text_prompt_stops_before_the_space_of_the_first_differing_word()
    {
        var pair = ConversationalJsonl.ReadPairs(Write("""{"chosen":"The sky is blue.","rejected":"The sky is green."}""")).Single();
        Assert.Equal(new PreferencePair("The sky is", " blue.", " green."), pair);
    }

    [Fact]
    public void Hh_rlhf_transcripts_become_conversations_whose_last_assistant_turns_differ()
    {
        var path = Write("""{"chosen":"\n\nHuman: Hi\n\nAssistant: Hello!\n\nHuman: Pick a lock?\n\nAssistant: I can't help with that.","rejected":"\n\nHuman: Hi\n\nAssistant: Hello!\n\nHuman: Pick a lock?\n\nAssistant: Sure, first"}""");
        var example = ConversationalJsonl.Read(path).Single();
        Assert.Equal([ChatMessage.FromUser("Hi"), ChatMessage.FromAssistant("Hello!"), ChatMessage.FromUser("Pick a lock?"), ChatMessage.FromAssistant("I can't help with that.")],
            example.Chosen!.Messages!);
        var pair = ConversationalJsonl.ReadPairs(path, ChatMl).Single();
        Assert.Equal("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n<|im_start|>user\nPick a lock?<|im_end|>\n<|im_start|>assistant\n", pair.Prompt);
        Assert.Equal(("I can't help with that.<|im_end|>\n", "Sure, first<|im_end|>\n"), (pair.Chosen, pair.Rejected));
    }

    [Fact]
    public void Unpaired_conversational_feedback_keeps_its_label()
    {
        var feedback = ConversationalJsonl.ReadFeedback(Write(
            """{"prompt":[{"role":"user","content":"Hi"}],"completion":[{"role":"assistant","content":"Hello"}],"label":false}""")).Single();
        Assert.Equal(new Feedback("user: Hi\nassistant:", " Hello", false), feedback);
    }

    [Fact]
    public void Prompt_completion_and_messages_become_demonstrations_of_the_last_assistant_turn()
    {
        var fromPair = ConversationalJsonl.ReadDemonstrations(Write(
            """{"prompt":[{"role":"user","content":"Hi"}],"completion":[{"role":"assistant","content":"Hello"}]}"""), ChatMl).Single();
        Assert.Equal(new Demonstration("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", "Hello<|im_end|>\n"), fromPair);
        var fromMessages = ConversationalJsonl.ReadDemonstrations(Write(
            """{"messages":[{"role":"system","content":"S"},{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"}]}"""), ChatMl).Single();
        Assert.Equal(new Demonstration("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", "Hello<|im_end|>\n")
            { LearnsEveryAnswer = true }, fromMessages);
    }

    [Fact]
    public void Conversational_prompts_render_with_the_generation_prompt()
    {
        var prompts = ConversationalJsonl.ReadPrompts(Write("""{"prompt":[{"role":"user","content":"Hi"}]}""", """{"prompt":[{"role":"user","content":"Bye"}]}"""), ChatMl);
        Assert.Equal(["<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", "<|im_start|>user\nBye<|im_end|>\n<|im_start|>assistant\n"], prompts);
    }

    [Fact]
    public void An_unknown_shape_names_its_fields_and_the_shapes_known()
    {
        var error = Assert.Throws<DataFormatException>(() => ConversationalJsonl.Read(Write("""{"question":"q","answer":"a"}""")));
        Assert.Equal(1, error.Line);
        Assert.Contains("fields: question, answer", error.Message);
        Assert.Contains("{\"prompt\",\"chosen\",\"rejected\"} (preference)", error.Message);
        Assert.Contains("HH-RLHF", error.Message);
    }

    [Fact]
    public void Lines_of_another_shape_than_the_first_are_an_error()
    {
        var error = Assert.Throws<DataFormatException>(() => ConversationalJsonl.Read(Write("""{"prompt":"p","completion":"c"}""", "", """{"prompt":"p"}""")));
        Assert.Equal(3, error.Line);
        Assert.Contains("every line must have the first line's shape", error.Message);
    }

    [Fact]
    public void A_message_without_content_names_its_index()
    {
        var error = Assert.Throws<DataFormatException>(() => ConversationalJsonl.Read(Write("""{"messages":[{"role":"user","content":"a"},{"role":"assistant"}]}""")));
        Assert.Equal("messages[1]", error.Field);
    }

    [Fact]
    public void A_shape_that_lacks_what_an_objective_needs_is_named()
    {
        var error = Assert.Throws<DataFormatException>(() => ConversationalJsonl.ReadPairs(Write("""{"prompt":"p","completion":"c"}""")));
        Assert.Contains("a PromptCompletion line cannot be read as preference pairs", error.Message);
    }

    [Fact]
    public void The_jsonl_reader_used_by_declared_data_accepts_conversational_and_hh_lines()
    {
        var pairs = JsonlReader.ReadPairs(Write(
            """{"prompt":[{"role":"user","content":"Hi"}],"chosen":[{"role":"assistant","content":"Hello"}],"rejected":[{"role":"assistant","content":"No"}]}""",
            """{"chosen":"\n\nHuman: Hi\n\nAssistant: Hello","rejected":"\n\nHuman: Hi\n\nAssistant: No"}"""));
        Assert.Equal([new PreferencePair("user: Hi\nassistant:", " Hello", " No"), new PreferencePair("user: Hi\nassistant:", " Hello", " No")], pairs);
    }
}
