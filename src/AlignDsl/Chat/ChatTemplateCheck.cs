using AlignDsl.Chat.Jinja;

namespace AlignDsl.Chat;

/// <summary>
/// What can be known of a chat template from its text alone, shared with the generator so a declared template is
/// checked at compile time: it parses, it renders a plain conversation (user, assistant, user, assistant), and
/// rendering a prompt with the generation prompt is where rendering it with the next answer starts, so that answer
/// can be cut from it and trained on alone.
/// </summary>
public static class ChatTemplateCheck
{
    private const string Question = "How do I bake bread?", Answer = "Mix flour, water and yeast.", FollowUp = "How long?", Reply = "An hour.";

    /// <summary>The first problem found, or null when the template can train a model on conversations.</summary>
    public static string? Problem(string text)
    {
        IReadOnlyList<Node> nodes;
        try { nodes = Parser.Parse(text); }
        catch (TemplateException e) { return $"uses what the interpreter cannot run ({e.Message})"; }
        try
        {
            string[] roles = ["user", "assistant", "user", "assistant"];
            string[] contents = [Question, Answer, FollowUp, Reply];
            // The answer of the first turn, then of the second with the first as its prompt: what SFT and the preference objectives cut.
            foreach (var (turns, answer) in new[] { (2, Answer), (4, Reply) })
            {
                var prompt = Render(text, nodes, roles, contents, turns - 1, generationPrompt: true);
                var whole = Render(text, nodes, roles, contents, turns, generationPrompt: false);
                if (!whole.StartsWith(prompt, StringComparison.Ordinal))
                    return $"renders the prompt of a {turns}-message conversation differently once the answer follows it, so the answer cannot be cut from it";
                if (!whole.Substring(prompt.Length).Contains(answer))
                    return "does not write the assistant's answer after the generation prompt";
            }
            return null;
        }
        catch (TemplateException e) { return $"uses what the interpreter cannot run ({e.Message})"; }
        catch (TemplateRaisedException e) { return $"rejects a plain user/assistant conversation ({e.Message})"; }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or InvalidCastException)
        {
            return $"fails to render a plain user/assistant conversation: {e.Message}";
        }
    }

    private static string Render(string text, IReadOnlyList<Node> nodes, string[] roles, string[] contents, int count, bool generationPrompt)
    {
        var messages = new List<object?>();
        for (var i = 0; i < count; i++) messages.Add(new Dictionary<string, object?> { ["role"] = roles[i], ["content"] = contents[i] });
        return Renderer.Render(text, nodes, new Dictionary<string, object?>
        {
            ["messages"] = messages,
            ["add_generation_prompt"] = generationPrompt,
            ["bos_token"] = "<s>",
            ["eos_token"] = "</s>",
        });
    }
}
