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
}
