namespace AlignDsl.Rewards;

/// <summary>
/// A reward computed from the text of an answer rather than by a trained reward model: a rule, a verifier or ground
/// truth. Online objectives score their sampled answers with it.
/// </summary>
public interface IRewardFunction
{
    /// <summary>The reward of <paramref name="answer"/> to <paramref name="prompt"/>; higher is better.</summary>
    double Score(string prompt, string answer);
}
