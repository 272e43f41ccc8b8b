using AlignDsl.Data;

namespace AlignDsl;

/// <summary>
/// Trains on data the run makes from the experiment's constitution (its <see cref="PrincipleAttribute"/>s), with the
/// policy it starts from answering the gym's training prompts:
/// <list type="bullet">
/// <item>for a preference objective or a reward model, AI feedback (RL-CAI): two sampled answers per prompt, and the
/// judge picks the one that better follows a sampled principle, in both orders, averaged;</item>
/// <item>for SFT, critique and revision (SL-CAI): <see cref="Rounds"/> rounds per prompt, each with a sampled principle,
/// training on the final revisions.</item>
/// </list>
/// Evaluation uses the gym's held-out data. The labelled data is written to the run folder with its provenance.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FromConstitutionAttribute(GymTask prompts) : Attribute
{
    public GymTask Prompts { get; } = prompts;

    /// <summary>Pairs of sampled answers per prompt for the judge to label (preference objectives).</summary>
    public int PairsPerPrompt { get; set; } = 1;

    /// <summary>Critique-and-revision rounds per prompt (SFT only).</summary>
    public int Rounds { get; set; } = 1;

    /// <summary>Who labels the pairs: the run's judge (<c>--judge</c>), or the principles' own phrase rules.</summary>
    public FeedbackJudge Judge { get; set; } = FeedbackJudge.Run;
}

/// <summary>Who labels AI-feedback pairs.</summary>
public enum FeedbackJudge
{
    /// <summary>The run's judge: the gym's exact judge, or the LLM judge of <c>--judge llm</c>.</summary>
    Run,

    /// <summary>
    /// The principle judge, built from the declared principles' <see cref="PrincipleAttribute.Prefer"/> and
    /// <see cref="PrincipleAttribute.Avoid"/> phrases: exact, offline, and only as good as its rules.
    /// </summary>
    Principles,
}
