namespace AlignDsl.Data;

/// <summary>The gym's tasks. Each is a family of prompts with known ground truth, judged exactly.</summary>
public enum GymTask
{
    /// <summary>
    /// Harmful requests to refuse, alarming-but-benign requests to answer, factual questions with right and wrong
    /// answers, false premises to correct, and verbose padding as a length trap. Each category's pairs prefer the longer
    /// answer as often as the shorter one, so only their content decides.
    /// </summary>
    HelpfulHarmless,

    /// <summary>
    /// The same prompts and answers, but nine training pairs in ten prefer the longer answer (the held-out pairs stay
    /// balanced): length predicts the preference, as in human preference data that favours long answers. What an
    /// objective learns of that bias shows in <c>RewardModelBias</c>.
    /// </summary>
    LengthBiased,
}
