namespace AlignDsl.Data.Conversations;

/// <summary>The dataset shapes TRL defines (each standard or conversational) and Anthropic HH-RLHF's transcripts.</summary>
public enum TrlShape
{
    /// <summary><c>{"text"}</c> or <c>{"messages"}</c>.</summary>
    LanguageModeling,
    /// <summary><c>{"prompt"}</c>.</summary>
    PromptOnly,
    /// <summary><c>{"prompt","completion"}</c>.</summary>
    PromptCompletion,
    /// <summary><c>{"prompt","chosen","rejected"}</c>.</summary>
    Preference,
    /// <summary><c>{"chosen","rejected"}</c> whose shared beginning is the prompt.</summary>
    ImplicitPromptPreference,
    /// <summary><c>{"prompt","completion","label"}</c>.</summary>
    UnpairedPreference,
    /// <summary><c>{"chosen","rejected"}</c> as raw <c>\n\nHuman: … \n\nAssistant: …</c> transcripts.</summary>
    HhRlhf,
}

internal static class TrlShapes
{
    /// <summary>Every known shape, as an unknown line's error lists them.</summary>
    public const string Known =
        "{\"text\"} or {\"messages\"} (language modeling), {\"prompt\"} (prompt only), {\"prompt\",\"completion\"} (prompt-completion), " +
        "{\"prompt\",\"chosen\",\"rejected\"} (preference), {\"chosen\",\"rejected\"} (implicit-prompt preference, or HH-RLHF's \"\\n\\nHuman: … \\n\\nAssistant: …\" transcripts), " +
        "{\"prompt\",\"completion\",\"label\"} (unpaired preference); each field a string or a list of {\"role\",\"content\"} messages";
}
