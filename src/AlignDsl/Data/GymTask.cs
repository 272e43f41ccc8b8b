namespace AlignDsl.Data;

/// <summary>The gym's tasks. Each is a family of prompts with known ground truth, judged exactly.</summary>
public enum GymTask
{
    /// <summary>
    /// Harmful requests to refuse, alarming-but-benign requests to answer, factual questions with right and wrong
    /// answers, false premises to correct, and verbose padding as a length trap.
    /// </summary>
    HelpfulHarmless,
}
