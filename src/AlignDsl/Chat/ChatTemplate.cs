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

    private const string DeclareBuiltIn = "declare a built-in template instead (ChatTemplates.ChatMl, Qwen2, Llama3, Zephyr, Gemma, Gym)";

    /// <summary>
    /// The <c>chat_template</c> of a model folder's <c>tokenizer_config.json</c>. A folder without one, or a template
    /// using a construct this interpreter does not support, is an error that says to declare a built-in one.
    /// </summary>
    public static ChatTemplate FromModelFolder(string folder)
    {
        var path = Path.Combine(folder, "tokenizer_config.json");
        if (TokenizerConfig.Read(folder).ChatTemplate is not { } text) throw new InvalidOperationException($"'{path}' has no chat_template; {DeclareBuiltIn}.");
        ChatTemplate template;
        try { template = Parse(text); }
        catch (TemplateException e) { throw new TemplateException($"{e.Problem} in the chat_template of '{path}'; {DeclareBuiltIn}", e.Position); }
        return Trainable(template, $"the chat_template of '{path}'");
    }

    /// <summary>
    /// The declared template (a <see cref="ChatTemplates"/> constant or any template text) when there is one, else the
    /// model folder's own; either is tried on a plain conversation first (<see cref="ChatTemplateCheck"/>), as the
    /// generator tries a declared one.
    /// </summary>
    public static ChatTemplate ForModel(string folder, string? declared = null) =>
        declared is null ? FromModelFolder(folder) : Trainable(Parse(declared), "the declared ChatTemplate");

    private static ChatTemplate Trainable(ChatTemplate template, string what) =>
        ChatTemplateCheck.Problem(template.Text) is { } problem
            ? throw new InvalidOperationException($"{what} cannot train on conversations: it {problem}; {DeclareBuiltIn}.")
            : template;

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
