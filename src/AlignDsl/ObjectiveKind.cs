namespace AlignDsl;

/// <summary>The training objectives an experiment can declare.</summary>
public enum ObjectiveKind { Sft, RewardModel, Dpo, Ipo, SimPo, Orpo, Kto, Ppo, Grpo, Rloo }

/// <summary>The shape of the training data an objective consumes.</summary>
public enum DataShape
{
    /// <summary>prompt → completion demonstrations.</summary>
    Demonstrations,

    /// <summary>prompt → (chosen, rejected) preference pairs.</summary>
    Pairs,

    /// <summary>prompt → completion labelled desirable or undesirable (unpaired feedback).</summary>
    Feedback,

    /// <summary>prompts alone: an online objective samples its own completions (PPO).</summary>
    Prompts,
}
