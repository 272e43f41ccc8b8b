namespace AlignDsl.Guards;

/// <summary>
/// One guard firing: the failure mode (<see cref="Guard"/>: <c>kl_explosion</c>, <c>reward_hacking</c>, <c>collapse</c>),
/// the signal that showed it (<c>max_kl</c>, <c>kl_growth</c>, <c>length</c>, <c>judge</c>, <c>entropy</c>,
/// <c>distinct_ratio</c>), the step, and a message that says what was seen and what to change.
/// </summary>
public sealed record GuardFinding(string Guard, string Signal, int Step, string Message)
{
    public const string KlExplosion = "kl_explosion", RewardHacking = "reward_hacking", Collapse = "collapse";
}

/// <summary>A signal over the run: its first finding, and how many metric reads or evaluations it fired at.</summary>
public sealed record GuardEvent(GuardFinding First, int Count, int LastStep);
