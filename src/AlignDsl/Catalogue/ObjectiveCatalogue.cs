using AlignDsl.Declarations;
using AlignDsl.Rules;

namespace AlignDsl.Catalogue;

/// <summary>
/// The one table of objectives. Adding an objective adds an entry here (and its attribute, kernel and emitter); the
/// parsers, rules, memory estimate, suite checks, descriptor and <c>describe</c> read it. Shared as source with the generator.
/// </summary>
public static class ObjectiveCatalogue
{
    public const string PolicyRole = "policy";
    public const string ReferenceRole = "reference";
    public const string BaselineRole = "baseline";

    private const string PrecomputeReference = "PrecomputeReferenceLogProbs";

    private static readonly ResidentRole Policy = new(PolicyRole, true, ModelSize.Policy);
    private static readonly ResidentRole Reference = new(ReferenceRole, false, ModelSize.Policy);

    private static ObjectiveSetting Number(string name, double value, SettingCheck check) => new(name, SettingKind.Number, value, check);

    private static ObjectiveSetting Beta(double value, (double, double)? typical = null, string name = "Beta") =>
        new(name, SettingKind.Number, value, SettingCheck.Beta) { IsBeta = true, Typical = typical };

    private static ObjectiveSetting Switch(string name) => new(name, SettingKind.Switch, 0, SettingCheck.None);

    /// <summary>DPO, IPO and KTO: the policy and a frozen reference, unless its log-probs are precomputed or LoRA's base serves as it.</summary>
    private static IReadOnlyList<ResidentRole> PolicyAndReference(ResidentOptions o) =>
        o.PrecomputeReference || o.Lora ? [Policy] : [Policy, Reference];

    public static readonly IReadOnlyList<ObjectiveEntry> All =
    [
        new(ObjectiveKind.Sft, "SFT", DataShape.Demonstrations, ReferenceUse.None, Scorer.MeanLogProb)
        {
            Residents = _ => [Policy],
            RowsPerExample = 1,
        },
        new(ObjectiveKind.RewardModel, "reward model", DataShape.Pairs, ReferenceUse.None, Scorer.ExplicitReward)
        {
            Settings =
            [
                Number("Margin", Defaults.RewardMargin, SettingCheck.Finite),
                Number("CenterRewards", Defaults.RewardCentering, SettingCheck.NotNegative),
                Switch("RankingWeights"),
            ],
            Residents = _ => [new ResidentRole("reward model", true, ModelSize.RewardHead)],
        },
        new(ObjectiveKind.Dpo, "DPO", DataShape.Pairs, ReferenceUse.Frozen, Scorer.ImplicitReward)
        {
            Settings =
            [
                Beta(Defaults.DpoBeta, typical: (0.1, 0.5)),
                Number("LabelSmoothing", Defaults.LabelSmoothing, SettingCheck.LabelSmoothing),
                new("Loss", SettingKind.Choice, 0, SettingCheck.None) { OnName = "Hinge" },
                Switch(PrecomputeReference),
            ],
            Residents = PolicyAndReference,
        },
        new(ObjectiveKind.Ipo, "IPO", DataShape.Pairs, ReferenceUse.Frozen, Scorer.ImplicitReward)
        {
            Settings = [Beta(Defaults.IpoBeta), Switch(PrecomputeReference)],
            Residents = PolicyAndReference,
        },
        new(ObjectiveKind.SimPo, "SimPO", DataShape.Pairs, ReferenceUse.None, Scorer.MeanLogProb)
        {
            Settings =
            [
                Beta(Defaults.SimPoBeta),
                Number("Gamma", double.NaN, SettingCheck.NotNegative) with { DefaultShareOf = ("Beta", Defaults.SimPoGammaBetaRatio) },
                Number("SftWeight", 0.0, SettingCheck.NotNegative),
            ],
            Residents = _ => [Policy],
            // A γ derived from β follows it: only a written γ can be too large for it.
            CrossCheck = (value, written) => written("Gamma") ? SettingRules.CheckSimPoMargin(value("Beta"), value("Gamma")) : [],
        },
        new(ObjectiveKind.Orpo, "ORPO", DataShape.Pairs, ReferenceUse.None, Scorer.MeanLogProb)
        {
            Settings = [Number("Lambda", Defaults.OrpoLambda, SettingCheck.Weight)],
            Residents = _ => [Policy],
        },
        new(ObjectiveKind.Kto, "KTO", DataShape.Feedback, ReferenceUse.Frozen, Scorer.ImplicitReward)
        {
            Settings =
            [
                Beta(Defaults.KtoBeta),
                Number("DesirableWeight", Defaults.KtoDesirableWeight, SettingCheck.Weight),
                Number("UndesirableWeight", Defaults.KtoUndesirableWeight, SettingCheck.Weight),
                Switch(PrecomputeReference),
            ],
            Residents = PolicyAndReference,
        },
        new(ObjectiveKind.Ppo, "PPO", DataShape.Prompts, ReferenceUse.Resident, Scorer.ImplicitReward)
        {
            Settings =
            [
                Beta(Defaults.PpoKlCoefficient, typical: (0.01, 0.2), name: "KlCoefficient"),
                Number("ClipRange", Defaults.PpoClipRange, SettingCheck.Weight),
                Number("ValueClipRange", Defaults.PpoValueClipRange, SettingCheck.Weight),
                Number("ValueCoefficient", Defaults.PpoValueCoefficient, SettingCheck.Weight),
                new("PpoEpochs", SettingKind.Count, Defaults.PpoEpochs, SettingCheck.Positive),
                new("MaxNewTokens", SettingKind.Count, Defaults.PpoMaxNewTokens, SettingCheck.Positive),
                new("RolloutsPerPrompt", SettingKind.Count, Defaults.PpoRolloutsPerPrompt, SettingCheck.Positive) { Typical = (1, 8) },
                // Must divide BatchSize × RolloutsPerPrompt (ALIGN087), checked with the training plan.
                new("MiniBatches", SettingKind.Count, Defaults.PpoMiniBatches, SettingCheck.Positive) { Typical = (1, 8) },
                Number("MissingEosPenalty", Defaults.PpoMissingEosPenalty, SettingCheck.NotNegative) with { Typical = (0, 10) },
                Number("TargetKl", Defaults.PpoTargetKl, SettingCheck.NotNegative) with { Typical = (1, 10) },
                new("KlHorizon", SettingKind.Count, Defaults.PpoKlHorizon, SettingCheck.Positive) { Typical = (1000, 100000) },
            ],
            // The policy and its value model train; the reference (a frozen copy, or with LoRA the policy's base with its
            // adapters off, no copy) and a reward model score.
            Residents = o => new[]
            {
                Policy, new ResidentRole("value model", true, ModelSize.ValueHead),
                o.Lora ? null : Reference, o.RewardModel ? new ResidentRole("reward model", false, ModelSize.RewardHead) : null,
            }.OfType<ResidentRole>().ToList(),
            CrossCheck = (value, written) => SettingRules.CheckKlController(value("TargetKl"), written("KlHorizon")),
            RowsPerExample = 1,
            // An update trains on one mini-batch of the rollout's BatchSize × RolloutsPerPrompt answers.
            ExamplesPerUpdate = value => value("RolloutsPerPrompt") / Math.Max(1, value("MiniBatches")),
        },
        new(ObjectiveKind.Grpo, "GRPO", DataShape.Prompts, ReferenceUse.Resident, Scorer.MeanLogProb)
        {
            Settings =
            [
                new("Generations", SettingKind.Count, Defaults.GrpoGenerations, SettingCheck.Group),
                Number("Beta", Defaults.GrpoBeta, SettingCheck.NotNegative) with { IsBeta = true },
                Number("ClipRange", Defaults.GrpoClipRange, SettingCheck.Weight),
                new("Iterations", SettingKind.Count, Defaults.GrpoIterations, SettingCheck.Positive),
                new("Loss", SettingKind.Choice, 0, SettingCheck.None) { OnName = "DrGrpo" },
                new("MaxNewTokens", SettingKind.Count, Defaults.GrpoMaxNewTokens, SettingCheck.Positive),
            ],
            Residents = GroupSampling,
            // A step holds Generations answers to each prompt, all in one update.
            RowsPerExample = 1,
            ExamplesPerUpdate = value => value("Generations"),
            WithoutGuards = true,
        },
        new(ObjectiveKind.Rloo, "RLOO", DataShape.Prompts, ReferenceUse.Resident, Scorer.MeanLogProb)
        {
            Settings =
            [
                new("Generations", SettingKind.Count, Defaults.RlooGenerations, SettingCheck.Group),
                Number("Beta", Defaults.RlooBeta, SettingCheck.NotNegative) with { IsBeta = true },
                Number("ClipRange", Defaults.RlooClipRange, SettingCheck.Weight),
                new("Iterations", SettingKind.Count, Defaults.RlooIterations, SettingCheck.Positive),
                new("MaxNewTokens", SettingKind.Count, Defaults.RlooMaxNewTokens, SettingCheck.Positive),
            ],
            Residents = GroupSampling,
            RowsPerExample = 1,
            ExamplesPerUpdate = value => value("Generations"),
            WithoutGuards = true,
        },
    ];

    /// <summary>
    /// GRPO and RLOO: the policy trains alone (no value model); a reference is resident only while β weighs a KL term (a
    /// frozen copy, or with LoRA the policy's base, no copy), and a reward model when the reward is one.
    /// </summary>
    private static IReadOnlyList<ResidentRole> GroupSampling(ResidentOptions o) => new[]
    {
        Policy, o.BetaIsZero || o.Lora ? null : Reference, o.RewardModel ? new ResidentRole("reward model", false, ModelSize.RewardHead) : null,
    }.OfType<ResidentRole>().ToList();

    public static ObjectiveEntry Of(ObjectiveKind kind) => All.First(e => e.Kind == kind);

    /// <summary>The entry whose attribute has this metadata name, or null.</summary>
    public static ObjectiveEntry? ByAttribute(string metadataName) => All.FirstOrDefault(e => e.Attribute == metadataName);

    /// <summary>
    /// The models resident while training: the objective's own, and a frozen copy of the starting policy where win rate or
    /// KL (<paramref name="comparesWithBaseline"/>) need something to compare with and there is no live reference.
    /// </summary>
    public static IReadOnlyList<ResidentRole> Residents(ObjectiveEntry entry, ResidentOptions options, bool comparesWithBaseline)
    {
        var roles = entry.Residents(options);
        return comparesWithBaseline && roles.All(r => r.Role != ReferenceRole) ? [.. roles, new ResidentRole(BaselineRole, false, ModelSize.Policy)] : roles;
    }
}
