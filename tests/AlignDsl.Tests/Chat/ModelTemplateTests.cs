using AlignDsl.Chat;
using AlignDsl.Chat.Jinja;
using AlignDsl.Tests.Tokenizers;

namespace AlignDsl.Tests.Chat;

public sealed class ModelTemplateTests
{
    [Fact]
    public void A_model_folders_template_is_read_from_its_tokenizer_config()
    {
        var template = ChatTemplate.ForModel(Gpt2Files.Folder.Value);
        Assert.Equal(ChatTemplates.ChatMl, template.Text);
    }

    [Fact]
    public void A_declared_template_wins_over_the_folders()
    {
        Assert.Equal(ChatTemplates.Zephyr, ChatTemplate.ForModel(Gpt2Files.Folder.Value, ChatTemplates.Zephyr).Text);
    }

    [Fact]
    public void A_folders_template_that_cannot_train_on_conversations_fails_as_it_loads()
    {
        // It renders, but writes no answer: every completion would be empty.
        const string userOnly = "{% for m in messages %}{% if m.role == 'user' %}{{ m.content }}{% endif %}{% endfor %}";
        using var folder = new TokenizerFolder().WriteJson("tokenizer_config.json", new { chat_template = userOnly });
        var error = Assert.Throws<InvalidOperationException>(() => ChatTemplate.ForModel(folder.Path));
        Assert.Contains("tokenizer_config.json' cannot train on conversations: it does not write the assistant's answer", error.Message);
        Assert.Contains("declare a built-in template instead", error.Message);
        var declared = Assert.Throws<InvalidOperationException>(() => ChatTemplate.ForModel(folder.Path, "{{ raise_exception('System role not supported') }}"));
        Assert.Contains("the declared ChatTemplate cannot train on conversations: it rejects a plain user/assistant conversation", declared.Message);
        Assert.All(new[] { ChatTemplates.ChatMl, ChatTemplates.Qwen2, ChatTemplates.Llama3, ChatTemplates.Zephyr, ChatTemplates.Gemma, ChatTemplates.Gym },
            t => Assert.Null(ChatTemplateCheck.Problem(t)));
    }

    [Fact]
    public void An_unsupported_construct_in_a_folders_template_names_it_and_says_to_declare_a_built_in_one()
    {
        using var folder = new TokenizerFolder().WriteJson("tokenizer_config.json", new { chat_template = "{% macro f() %}{% endmacro %}" });
        var error = Assert.Throws<TemplateException>(() => ChatTemplate.ForModel(folder.Path));
        Assert.Contains("unsupported statement '{% macro %}'", error.Message);
        Assert.Contains("declare a built-in template instead", error.Message);
        Assert.Equal((1, 4), (error.Line, error.Column));
        Assert.NotNull(ChatTemplate.ForModel(folder.Path, ChatTemplates.ChatMl));
    }

    [Fact]
    public void A_folder_without_a_template_says_to_declare_one()
    {
        using var folder = new TokenizerFolder().WriteJson("tokenizer_config.json", new { eos_token = "</s>" });
        Assert.Contains("has no chat_template", Assert.Throws<InvalidOperationException>(() => ChatTemplate.ForModel(folder.Path)).Message);
    }

    [Fact]
    public void A_list_of_named_templates_uses_the_default_one()
    {
        using var folder = new TokenizerFolder().WriteJson("tokenizer_config.json", new
        {
            chat_template = new[] { new { name = "tool_use", template = "tools" }, new { name = "default", template = ChatTemplates.Gemma } },
        });
        Assert.Equal(ChatTemplates.Gemma, ChatTemplate.ForModel(folder.Path).Text);
    }
}
