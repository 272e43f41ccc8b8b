namespace AlignDsl.Catalogue;

/// <summary>How a setting is declared and folded into the generated code.</summary>
public enum SettingKind
{
    /// <summary>A number, written out as a <c>const double</c>.</summary>
    Number,

    /// <summary>A whole count, written out as a <c>const int</c>.</summary>
    Count,

    /// <summary>An on/off setting: it chooses what is emitted, and is listed in the descriptor's switches when on.</summary>
    Switch,

    /// <summary>An enum member (DPO's <c>Loss</c>): it chooses what is emitted; a non-zero member is listed by <see cref="ObjectiveSetting.OnName"/>.</summary>
    Choice,
}

/// <summary>The rule that checks a setting's value (the rulebook's text for each is in <c>RuleBook</c>).</summary>
public enum SettingCheck
{
    None,

    /// <summary>Any finite number (ALIGN045).</summary>
    Finite,

    /// <summary>A β: finite, greater than 0 (ALIGN004), and a warning outside <see cref="ObjectiveSetting.Typical"/> (ALIGN012).</summary>
    Beta,

    /// <summary>A loss weight or scale: finite and greater than 0.</summary>
    Weight,

    /// <summary>A margin or an optional term's weight: finite and 0 or more (0 turns it off).</summary>
    NotNegative,

    /// <summary>DPO's label smoothing: in [0, 0.5).</summary>
    LabelSmoothing,

    /// <summary>A count of at least 1.</summary>
    Positive,

    /// <summary>Answers sampled per prompt for a group baseline (GRPO, RLOO): at least 2 (ALIGN080).</summary>
    Group,
}

/// <summary>Whether an objective compares its policy with a frozen reference.</summary>
public enum ReferenceUse
{
    /// <summary>No reference is ever built (SFT, SimPO, ORPO, a reward model).</summary>
    None,

    /// <summary>A frozen reference, or its log-probs precomputed before training (<c>PrecomputeReferenceLogProbs</c>), or with LoRA the policy's base.</summary>
    Frozen,

    /// <summary>A frozen copy, resident: an online objective scores every sample against it (PPO; GRPO and RLOO while β &gt; 0).</summary>
    Resident,
}

/// <summary>What ranks held-out pairs in evaluation.</summary>
public enum Scorer
{
    /// <summary>The policy's mean log-prob per token.</summary>
    MeanLogProb,

    /// <summary>The implicit reward β·log π/π_ref.</summary>
    ImplicitReward,

    /// <summary>The reward model's scalar reward.</summary>
    ExplicitReward,
}

/// <summary>A resident model's size relative to the policy: its body alone, or with a scalar head.</summary>
public enum ModelSize
{
    /// <summary>The policy's parameters.</summary>
    Policy,

    /// <summary>The policy's body with a reward head: one weight per model dimension, no bias.</summary>
    RewardHead,

    /// <summary>The policy's body with a value head: one weight per model dimension and a bias.</summary>
    ValueHead,
}

/// <summary>One declarable setting of an objective, by its attribute property's name.</summary>
/// <param name="Default">The value when the declaration leaves it out (0 or 1 for a switch, the enum member's number for a choice).</param>
public sealed record ObjectiveSetting(string Name, SettingKind Kind, double Default, SettingCheck Check)
{
    /// <summary>The range most runs use (a warning outside it), for the β check and for <c>describe</c>; null when none is known.</summary>
    public (double Low, double High)? Typical { get; init; }

    /// <summary>A default derived from another setting (SimPO's γ = 0.5·β); such a setting is checked only when written.</summary>
    public (string Setting, double Ratio)? DefaultShareOf { get; init; }

    /// <summary>The name a non-zero <see cref="SettingKind.Choice"/> is listed under (DPO's Loss 1: <c>Hinge</c>).</summary>
    public string? OnName { get; init; }

    /// <summary>The objective's β, which <c>--beta</c> overrides and the implicit reward scales by.</summary>
    public bool IsBeta { get; init; }

    /// <summary>Written out as a constant of the generated class, and listed among the run's hyperparameters.</summary>
    public bool IsConstant => Kind is SettingKind.Number or SettingKind.Count;
}

/// <summary>One model an objective keeps in memory while training.</summary>
public sealed record ResidentRole(string Role, bool Trainable, ModelSize Size)
{
    /// <summary>The role's parameters, from the policy's: a scalar head adds one weight per model dimension, a value head its bias too.</summary>
    public long Parameters(long policyParameters, long modelDim) => Size switch
    {
        ModelSize.RewardHead => policyParameters + modelDim,
        ModelSize.ValueHead => policyParameters + modelDim + 1,
        _ => policyParameters,
    };
}

/// <summary>What decides which models an objective keeps resident besides the objective itself.</summary>
/// <param name="PrecomputeReference">The reference's log-probs are computed once before training and the reference freed.</param>
/// <param name="Lora">The policy trains LoRA adapters on a frozen base, which serves as the reference.</param>
/// <param name="RewardModel">An online objective's reward is a trained reward model (not a function).</param>
/// <param name="BetaIsZero">The objective's β is 0: GRPO and RLOO then drop their KL term, and the reference with it.</param>
public readonly record struct ResidentOptions(bool PrecomputeReference, bool Lora, bool RewardModel, bool BetaIsZero = false);

/// <summary>
/// Everything the library knows about one objective: its attribute, the data it trains on, each setting with its default,
/// rule and typical range, the models it keeps resident, its reference and its evaluation scorer. The generator's parsers,
/// rules, memory estimate and suite checks, and the runtime's describe, summary and <c>--beta</c> all read it.
/// </summary>
public sealed record ObjectiveEntry(ObjectiveKind Kind, string Display, DataShape Data, ReferenceUse Reference, Scorer Scorer)
{
    /// <summary>The attribute's metadata name: <c>AlignDsl.&lt;Kind&gt;Attribute</c>.</summary>
    public string Attribute => "AlignDsl." + Kind + "Attribute";

    /// <summary>Every declarable setting, in declaration order.</summary>
    public IReadOnlyList<ObjectiveSetting> Settings { get; init; } = [];

    /// <summary>The resident models, as the generated code builds them.</summary>
    public Func<ResidentOptions, IReadOnlyList<ResidentRole>> Residents { get; init; } = _ => [];

    /// <summary>Checks between settings, given each setting's value and whether it was written (SimPO's γ/β).</summary>
    public Func<Func<string, double>, Func<string, bool>, IEnumerable<Rules.RuleViolation>>? CrossCheck { get; init; }

    /// <summary>Rows a training step holds per example: a preference pair is two, and so is a KTO row with its mismatched twin.</summary>
    public int RowsPerExample { get; init; } = 2;

    /// <summary>
    /// Examples one update trains on, per example of the batch, given each setting's value: 1, except PPO's
    /// RolloutsPerPrompt answers per prompt split into MiniBatches updates, and GRPO's and RLOO's Generations answers per
    /// prompt. The activation estimate scales by it.
    /// </summary>
    public Func<Func<string, double>, double> ExamplesPerUpdate { get; init; } = _ => 1;

    /// <summary>An online objective: it samples its own answers to prompts, scores them with a reward, and can be watched by guards (PPO).</summary>
    public bool SamplesAnswers => Data == DataShape.Prompts;

    /// <summary>An online objective the failure-mode guards do not watch yet (GRPO, RLOO): declaring <c>[Guards]</c> on it warns (ALIGN081).</summary>
    public bool WithoutGuards { get; init; }

    /// <summary>Trains a policy (every objective but the reward model, which trains a scalar reward).</summary>
    public bool TrainsPolicy => Scorer != Scorer.ExplicitReward;

    /// <summary>The setting <c>--beta</c> overrides, or null when the objective has no β.</summary>
    public ObjectiveSetting? Beta => Settings.FirstOrDefault(s => s.IsBeta);

    public ObjectiveSetting? Setting(string name) => Settings.FirstOrDefault(s => s.Name == name);

    public int IndexOf(string name)
    {
        for (var i = 0; i < Settings.Count; i++)
            if (Settings[i].Name == name) return i;
        return -1;
    }

    /// <summary>Keeps a live, resident reference under these options (the baseline win rate and KL compare with).</summary>
    public bool KeepsLiveReference(ResidentOptions options) => Residents(options).Any(r => r.Role == ObjectiveCatalogue.ReferenceRole);
}
