using AlignDsl.Declarations;
using AlignDsl.Generators.Model;
using AlignDsl.Rules;

namespace AlignDsl.Generators.Parsing;

/// <summary>Reads the one objective attribute of an experiment, folding in defaults and checking its ranges.</summary>
internal static class ObjectiveParser
{
    public static ObjectiveModel? Parse(List<(string Name, ISettingReader Reader)> objectives, string experiment, LocationInfo? classLocation,
        List<DiagnosticInfo> diagnostics)
    {
        if (objectives.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.NoObjective, classLocation, experiment));
            return null;
        }
        if (objectives.Count > 1)
        {
            var names = string.Join(", ", objectives.Select(o => "[" + ShortName(o.Name) + "]"));
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.MoreThanOneObjective, objectives[1].Reader.Location, experiment, objectives.Count, names));
        }
        var (kind, reader) = objectives[0];
        var violations = new List<RuleViolation>();
        var model = kind switch
        {
            KnownTypes.RewardModel => new ObjectiveModel(ObjectiveKindModel.RewardModel)
            {
                Margin = reader.Named("Margin", Defaults.RewardMargin),
                CenterRewards = reader.Named("CenterRewards", Defaults.RewardCentering),
                RankingWeights = reader.Named("RankingWeights", false),
            },
            KnownTypes.Dpo => new ObjectiveModel(ObjectiveKindModel.Dpo)
            {
                Beta = reader.Named("Beta", Defaults.DpoBeta),
                LabelSmoothing = reader.Named("LabelSmoothing", Defaults.LabelSmoothing),
                Hinge = reader.Named("Loss", 0) == 1,
                PrecomputeReference = reader.Named("PrecomputeReferenceLogProbs", false),
            },
            KnownTypes.Ipo => new ObjectiveModel(ObjectiveKindModel.Ipo)
            {
                Beta = reader.Named("Beta", Defaults.IpoBeta),
                PrecomputeReference = reader.Named("PrecomputeReferenceLogProbs", false),
            },
            KnownTypes.SimPo => SimPo(reader),
            KnownTypes.Orpo => new ObjectiveModel(ObjectiveKindModel.Orpo) { Lambda = reader.Named("Lambda", Defaults.OrpoLambda) },
            KnownTypes.Kto => new ObjectiveModel(ObjectiveKindModel.Kto)
            {
                Beta = reader.Named("Beta", Defaults.KtoBeta),
                DesirableWeight = reader.Named("DesirableWeight", Defaults.KtoDesirableWeight),
                UndesirableWeight = reader.Named("UndesirableWeight", Defaults.KtoUndesirableWeight),
                PrecomputeReference = reader.Named("PrecomputeReferenceLogProbs", false),
            },
            KnownTypes.Ppo => new ObjectiveModel(ObjectiveKindModel.Ppo)
            {
                Beta = reader.Named("KlCoefficient", Defaults.PpoKlCoefficient),
                ClipRange = reader.Named("ClipRange", Defaults.PpoClipRange),
                ValueCoefficient = reader.Named("ValueCoefficient", Defaults.PpoValueCoefficient),
                PpoEpochs = reader.Named("PpoEpochs", Defaults.PpoEpochs),
                MaxNewTokens = reader.Named("MaxNewTokens", Defaults.PpoMaxNewTokens),
            },
            _ => new ObjectiveModel(ObjectiveKindModel.Sft),
        };
        if (model.Kind == ObjectiveKindModel.RewardModel) violations.AddRange(SettingRules.CheckFinite("Margin", model.Margin));
        if (model.Kind == ObjectiveKindModel.Ppo)
        {
            violations.AddRange(SettingRules.CheckWeight("ClipRange", model.ClipRange));
            violations.AddRange(SettingRules.CheckWeight("ValueCoefficient", model.ValueCoefficient));
            violations.AddRange(SettingRules.CheckPositive("PpoEpochs", model.PpoEpochs));
            violations.AddRange(SettingRules.CheckPositive("MaxNewTokens", model.MaxNewTokens));
        }

        // A γ derived from β follows it: only a written γ can be wrong on its own.
        violations.AddRange(SettingRules.CheckObjective(model.Kind.ToString(), model.Beta, model.LabelSmoothing, model.Lambda,
            model.DesirableWeight, model.UndesirableWeight, reader.Has("Gamma") ? model.Gamma : null, model.SftWeight, model.CenterRewards));
        foreach (var v in violations) diagnostics.Add(DiagnosticInfo.From(v, reader.LocationOf(v.Setting)));
        return model;
    }

    /// <summary>SimPO's γ defaults to half of β, folded in here so the generated constant shows the value used.</summary>
    private static ObjectiveModel SimPo(ISettingReader reader)
    {
        var beta = reader.Named("Beta", Defaults.SimPoBeta);
        var gamma = reader.Named("Gamma", double.NaN);
        return new ObjectiveModel(ObjectiveKindModel.SimPo)
        {
            Beta = beta,
            Gamma = double.IsNaN(gamma) ? Defaults.SimPoGammaBetaRatio * beta : gamma,
            SftWeight = reader.Named("SftWeight", 0.0),
        };
    }

    private static string ShortName(string attributeName)
    {
        var last = attributeName.Substring(attributeName.LastIndexOf('.') + 1);
        return last.EndsWith("Attribute", StringComparison.Ordinal) ? last.Substring(0, last.Length - "Attribute".Length) : last;
    }
}
