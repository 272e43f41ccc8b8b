using AlignDsl.Catalogue;

namespace AlignDsl.Generators.Parsing;

/// <summary>Metadata names of the runtime's declaration types, as the parser looks them up.</summary>
internal static class KnownTypes
{
    public const string Experiment = "AlignDsl.ExperimentAttribute";
    public const string Policy = "AlignDsl.PolicyAttribute";
    public const string RewardFrom = "AlignDsl.RewardFromAttribute";
    public const string RewardFunction = "AlignDsl.RewardFunctionAttribute";
    public const string RewardFunctionInterface = "AlignDsl.Rewards.IRewardFunction";
    public const string RewardMethod = "AlignDsl.RewardAttribute";
    public const string Reference = "AlignDsl.ReferenceAttribute";
    public const string Lora = "AlignDsl.LoraAttribute";
    public const string Probes = "AlignDsl.ProbesAttribute";
    public const string Export = "AlignDsl.ExportAttribute";
    public const string Guards = "AlignDsl.GuardsAttribute";
    public const string Sweep = "AlignDsl.SweepAttribute";

    /// <summary>Every objective attribute, from the catalogue; an experiment declares exactly one.</summary>
    public static readonly string[] Objectives = ObjectiveCatalogue.All.Select(e => e.Attribute).ToArray();
    public const string GymData = "AlignDsl.GymDataAttribute";
    public const string JsonlData = "AlignDsl.JsonlDataAttribute";
    public const string Training = "AlignDsl.TrainingAttribute";
    public const string EvalSuite = "AlignDsl.EvalSuiteAttribute";
    public const string Budget = "AlignDsl.BudgetAttribute";
    public const string Principle = "AlignDsl.PrincipleAttribute";
    public const string FromConstitution = "AlignDsl.FromConstitutionAttribute";
    public const string EvalSuiteInterface = "AlignDsl.Evaluation.IEvalSuite";
    public const string RedTeam = "AlignDsl.Evaluation.RedTeam";
    public const string OverRefusal = "AlignDsl.Evaluation.OverRefusal";
    public const string RewardModelBias = "AlignDsl.Evaluation.RewardModelBias";
    public const string WinRate = "AlignDsl.Evaluation.WinRate";
    public const string Kl = "AlignDsl.Evaluation.KlDivergence";

    /// <summary>Suites that sample answers, so need a policy (a reward-model experiment has none).</summary>
    public static readonly string[] SamplingSuites = [RedTeam, OverRefusal, WinRate, Kl];

    /// <summary>Suites that compare the policy with its reference or starting point.</summary>
    public static readonly string[] BaselineSuites = [WinRate, Kl];
    public const string GymTask = "AlignDsl.Data.GymTask";
    public const string ExperimentBuilder = "AlignDsl.ExperimentBuilder";
    public const string PolicyBuilder = "AlignDsl.PolicyBuilder";
    public const string LoraBuilder = "AlignDsl.LoraBuilder";
    public const string ObjectiveBuilder = "AlignDsl.ObjectiveBuilder";
    public const string DataBuilder = "AlignDsl.DataBuilder";
    public const string TrainingBuilder = "AlignDsl.TrainingBuilder";
    public const string EvaluationBuilder = "AlignDsl.EvaluationBuilder";
    public const string ConstitutionBuilder = "AlignDsl.ConstitutionBuilder";
    public const string RewardBuilder = "AlignDsl.RewardBuilder";
}
