using AlignDsl.Chat;
using AlignDsl.Chat.Jinja;

namespace AlignDsl.Tests.Chat;

/// <summary>
/// The templates four model families publish in their tokenizer_config.json, rendered here and compared with the
/// exact text Hugging Face's apply_chat_template gives for the same conversation (trim_blocks and lstrip_blocks on).
/// </summary>
public sealed class PublishedTemplateTests
{
    private static readonly ChatMessage[] Exchange =
    [
        ChatMessage.FromUser("What is 2+2?"),
        ChatMessage.FromAssistant(" 4. "),
        ChatMessage.FromUser("Thanks"),
    ];

    [Fact]
    public void Qwen2_adds_its_default_system_message_and_the_assistant_header()
    {
        var text = ChatTemplate.Parse(ChatTemplates.Qwen2).Render(Exchange, addGenerationPrompt: true);
        Assert.Equal(
            "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n" +
            "<|im_start|>assistant\n 4. <|im_end|>\n<|im_start|>user\nThanks<|im_end|>\n<|im_start|>assistant\n", text);
    }

    [Fact]
    public void Qwen2_keeps_a_given_system_message_instead_of_its_default()
    {
        var text = ChatTemplate.Parse(ChatTemplates.Qwen2).Render([new ChatMessage("system", "Be brief."), ChatMessage.FromUser("Hi")]);
        Assert.Equal("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n", text);
    }

    [Fact]
    public void Llama3_trims_each_content_and_starts_with_bos()
    {
        // '... <|end_header_id|>\n\n' + message['content'] | trim + '<|eot_id|>': the filter binds to the content alone.
        var text = ChatTemplate.Parse(ChatTemplates.Llama3).Render(Exchange, addGenerationPrompt: true, bosToken: "<|begin_of_text|>");
        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|>" +
            "<|start_header_id|>assistant<|end_header_id|>\n\n4.<|eot_id|>" +
            "<|start_header_id|>user<|end_header_id|>\n\nThanks<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n", text);
    }

    [Fact]
    public void Zephyr_keeps_the_newline_after_each_expression_but_not_after_statements()
    {
        var template = ChatTemplate.Parse(ChatTemplates.Zephyr);
        ChatMessage[] messages = [new("system", "Be brief."), ChatMessage.FromUser("What is 2+2?"), ChatMessage.FromAssistant(" 4. ")];
        Assert.Equal("<|system|>\nBe brief.</s>\n<|user|>\nWhat is 2+2?</s>\n<|assistant|>\n 4. </s>\n", template.Render(messages, eosToken: "</s>"));
        Assert.Equal("<|system|>\nBe brief.</s>\n<|user|>\nWhat is 2+2?</s>\n<|assistant|>\n", template.Render(messages[..2], addGenerationPrompt: true, eosToken: "</s>"));
    }

    [Fact]
    public void Gemma_names_the_assistant_model_and_trims()
    {
        var text = ChatTemplate.Parse(ChatTemplates.Gemma).Render(
            [ChatMessage.FromUser("Hi "), ChatMessage.FromAssistant("Hello"), ChatMessage.FromUser("Bye")], addGenerationPrompt: true, bosToken: "<bos>");
        Assert.Equal(
            "<bos><start_of_turn>user\nHi<end_of_turn>\n<start_of_turn>model\nHello<end_of_turn>\n<start_of_turn>user\nBye<end_of_turn>\n<start_of_turn>model\n", text);
    }

    [Fact]
    public void Gemma_raises_its_own_exception_for_a_system_message_and_for_turns_out_of_order()
    {
        var template = ChatTemplate.Parse(ChatTemplates.Gemma);
        Assert.Contains("System role not supported",
            Assert.Throws<TemplateRaisedException>(() => template.Render([new ChatMessage("system", "x"), ChatMessage.FromUser("y")])).Message);
        Assert.Contains("must alternate",
            Assert.Throws<TemplateRaisedException>(() => template.Render([ChatMessage.FromUser("a"), ChatMessage.FromUser("b")])).Message);
    }

    [Fact]
    public void The_gym_template_renders_the_gyms_own_prompt_format()
    {
        var template = ChatTemplate.Parse(ChatTemplates.Gym);
        Assert.Equal("user: hi\nassistant:", template.Render([ChatMessage.FromUser("hi")], addGenerationPrompt: true));
        Assert.Equal("user: hi\nassistant: hello", template.Render([ChatMessage.FromUser("hi"), ChatMessage.FromAssistant("hello")]));
    }
}
