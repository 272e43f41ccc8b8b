using AlignDsl.Generators.Model;
using AlignDsl.Rules;

namespace AlignDsl.Generators.Parsing;

/// <summary>
/// What an experiment marked <c>[Export(To = Engine.Trl)]</c> declares that TRL cannot express: an online objective rewarded
/// by a C# function or method (ALIGN064, TRL's online trainers need one reward model), and settings TRL only approximates (ALIGN065):
/// a ranking's weights, a reward model weighted other than 1, PPO's several answers per prompt and adaptive KL.
/// </summary>
internal static class ExportRules
{
    public static void Check(ISettingReader? export, ISettingReader? objectiveReader, ObjectiveModel? objective, RewardsModel? rewards, string experiment,
        List<DiagnosticInfo> diagnostics)
    {
        if (export is null || objective is null) return;
        if (objective.Entry.SamplesAnswers && rewards is not null)
        {
            foreach (var reward in rewards.Sources.Where(r => !r.IsModel))
                diagnostics.Add(DiagnosticInfo.Create(RuleBook.ExportNeedsRewardModel, reward.Location ?? export.Location, experiment,
                    reward.FunctionType?.Replace("global::", "") ?? reward.Name + "(prompt, completion)", objective.Entry.Display,
                    objective.Entry.Display + "Trainer"));
            // GRPO and RLOO carry a reward model's weight as reward_weights; PPO's trainer has none.
            if (objective.Kind == ObjectiveKind.Ppo && rewards.Model is { Weight: not 1.0 } weighted)
                diagnostics.Add(DiagnosticInfo.Create(RuleBook.ExportApproximates, weighted.WeightLocation ?? export.Location, experiment,
                    "Weight", "TRL's PPOTrainer takes the reward model's score as it is, where the local run multiplies it by its Weight"));
        }
        if (objective.RankingWeights)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.ExportApproximates, objectiveReader?.LocationOf("RankingWeights") ?? export.Location, experiment,
                "RankingWeights", "TRL's RewardTrainer weighs every pair of a ranking alike, where the local run weighs each 1/C(k,2)"));
        if (objective.Kind != ObjectiveKind.Ppo) return;
        if (objective["RolloutsPerPrompt"] > 1)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.ExportApproximates, objectiveReader?.LocationOf("RolloutsPerPrompt") ?? export.Location, experiment,
                "RolloutsPerPrompt", "TRL's PPOTrainer samples one answer per prompt, so the exported run samples BatchSize × RolloutsPerPrompt prompts a step instead"));
        if (objective["TargetKl"] > 0)
            diagnostics.Add(DiagnosticInfo.Create(RuleBook.ExportApproximates, objectiveReader?.LocationOf("TargetKl") ?? export.Location, experiment,
                "TargetKl", "TRL's PPOTrainer has no adaptive KL controller, so the exported run keeps kl_coef at KlCoefficient"));
    }
}
