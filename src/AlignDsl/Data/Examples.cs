namespace AlignDsl.Data;

/// <summary>A demonstration: the completion is what the policy should learn to say.</summary>
public sealed record Demonstration(string Prompt, string Completion)
{
    /// <summary>
    /// A <c>messages</c> conversation learns every assistant turn, as TRL's assistant-only loss does, not just the last
    /// (a prompt-completion row learns its completion alone): kept when the conversation is rendered again with a model's template.
    /// </summary>
    public bool LearnsEveryAnswer { get; init; }

    /// <summary>Where the earlier assistant turns stand in <see cref="Prompt"/> (characters), trained on beside the completion; null for none.</summary>
    public (int Start, int Length)[]? EarlierAnswers { get; init; }
}

/// <summary>A preference pair: <see cref="Chosen"/> is preferred to <see cref="Rejected"/> for <see cref="Prompt"/>.</summary>
public sealed record PreferencePair(string Prompt, string Chosen, string Rejected, string Category = "")
{
    /// <summary>
    /// The pair's weight in a weighted loss: 1, or 1/C(k,2) for a pair expanded from a ranking of k responses, so that
    /// each ranked prompt weighs the same (<c>[RewardModel(RankingWeights = true)]</c>).
    /// </summary>
    public double Weight { get; init; } = 1;

    /// <summary>
    /// How much more the chosen answer should be rewarded, from the data's <c>margin</c> field (as TRL's reward trainer
    /// reads it), or null: a reward model then uses its declared <c>Margin</c>.
    /// </summary>
    public double? Margin { get; init; }
}

/// <summary>Unpaired feedback (KTO): a completion labelled desirable or not.</summary>
public sealed record Feedback(string Prompt, string Completion, bool Desirable)
{
    /// <summary>Pairs as unpaired feedback, the way TRL converts them: chosen desirable, rejected undesirable, alternating.</summary>
    public static IReadOnlyList<Feedback> FromPairs(IEnumerable<PreferencePair> pairs) =>
        pairs.SelectMany(p => new[] { new Feedback(p.Prompt, p.Chosen, true), new Feedback(p.Prompt, p.Rejected, false) }).ToList();

    /// <summary>A split of pairs as a split of feedback.</summary>
    public static Split<Feedback> FromPairs(Split<PreferencePair> pairs) => new(FromPairs(pairs.Train), FromPairs(pairs.HeldOut));
}

/// <summary>
/// A prompt with the category that tells a judge what a right answer does, and the finer group results are
/// reported by (a harm category, or XSTest's type of safe prompt).
/// </summary>
public sealed record Probe(string Prompt, GymCategory Category, string Topic, string Group = "");

/// <summary>Training examples and the held-out examples evaluation uses (the gym keeps them apart by prompt; a JSONL file by position).</summary>
public sealed record Split<T>(IReadOnlyList<T> Train, IReadOnlyList<T> HeldOut);
