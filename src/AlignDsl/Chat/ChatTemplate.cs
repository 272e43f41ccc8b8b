using AlignDsl.Chat.Jinja;
using AlignDsl.Tokenization;

namespace AlignDsl.Chat;

/// <summary>
/// A model's chat template: the Jinja text from its <c>tokenizer_config.json</c>, or one of <see cref="ChatTemplates"/>,
/// parsed once. Rendering passes what Hugging Face's <c>apply_chat_template</c> passes: <c>messages</c>,
/// <c>add_generation_prompt</c>, <c>bos_token</c>, <c>eos_token</c>, and any further variables given.
/// </summary>
public sealed class ChatTemplate
{
    private readonly IReadOnlyList<Node> _nodes;

    private ChatTemplate(string text)
    {
        Text = text;
        _nodes = Parser.Parse(text);
    }

    /// <summary>The template's Jinja text.</summary>
    public string Text { get; }

    /// <summary>Parses a template; a construct this interpreter does not support fails here (<see cref="TemplateException"/>), naming it and its place.</summary>
    public static ChatTemplate Parse(string text) => new(text);

    /// <summary>The <c>chat_template</c> of a model folder's <c>tokenizer_config.json</c>.</summary>
    public static ChatTemplate FromModelFolder(string folder) =>
        TokenizerConfig.Read(folder).ChatTemplate is { } text
            ? Parse(text)
            : throw new InvalidOperationException(
                $"'{Path.Combine(folder, "tokenizer_config.json")}' has no chat_template; declare a built-in one instead (ChatTemplates.ChatMl, Llama3, Zephyr, Gemma, Qwen2).");

    /// <summary>The conversation as the model reads it; with <paramref name="addGenerationPrompt"/>, followed by the opening of an assistant turn.</summary>
    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = false, string? bosToken = null, string? eosToken = null,
        IReadOnlyDictionary<string, object?>? variables = null)
    {
        var context = new Dictionary<string, object?>
        {
            ["messages"] = messages.Select(m => new Dictionary<string, object?> { ["role"] = m.Role, ["content"] = m.Content }).ToList(),
            ["add_generation_prompt"] = addGenerationPrompt,
            ["bos_token"] = bosToken ?? "",
            ["eos_token"] = eosToken ?? "",
        };
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>()) context[name] = value;
        return Renderer.Render(Text, _nodes, context);
    }

    /// <summary>Renders with the BOS and EOS texts of <paramref name="tokenizer"/>.</summary>
    public string Render(IReadOnlyList<ChatMessage> messages, HfTokenizer tokenizer, bool addGenerationPrompt = false) =>
        Render(messages, addGenerationPrompt, tokenizer.BosToken, tokenizer.EosToken);
}
