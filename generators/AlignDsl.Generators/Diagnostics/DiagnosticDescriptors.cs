using System.Collections.Immutable;
using AlignDsl.Rules;
using Microsoft.CodeAnalysis;

namespace AlignDsl.Generators.Diagnostics;

/// <summary>
/// One descriptor per rule of the shared rulebook. Titles and message formats come from <see cref="RuleBook"/> (each
/// diagnostic passes its arguments, so tools see the format and the values apart); id, category
/// and severity are written out here as well so release tracking (AnalyzerReleases.*.md) can read them, and a test
/// checks that both agree.
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>Every rule's explanation, example and fix are in the diagnostics catalogue its help link opens.</summary>
    private const string Description = "The rule, an example and how to fix it: docs/diagnostics.md (the help link).";

    public static readonly DiagnosticDescriptor ClassNotPartial = new("ALIGN001", RuleBook.ClassNotPartial.Title, RuleBook.ClassNotPartial.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.ClassNotPartial.HelpLink);

    public static readonly DiagnosticDescriptor NoObjective = new("ALIGN002", RuleBook.NoObjective.Title, RuleBook.NoObjective.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.NoObjective.HelpLink);

    public static readonly DiagnosticDescriptor MoreThanOneObjective = new("ALIGN003", RuleBook.MoreThanOneObjective.Title, RuleBook.MoreThanOneObjective.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.MoreThanOneObjective.HelpLink);

    public static readonly DiagnosticDescriptor BetaNotPositive = new("ALIGN004", RuleBook.BetaNotPositive.Title, RuleBook.BetaNotPositive.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        Description, RuleBook.BetaNotPositive.HelpLink);

    public static readonly DiagnosticDescriptor InitFromNotExperiment = new("ALIGN005", RuleBook.InitFromNotExperiment.Title, RuleBook.InitFromNotExperiment.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.InitFromNotExperiment.HelpLink);

    public static readonly DiagnosticDescriptor LearningRateNotPositive = new("ALIGN006", RuleBook.LearningRateNotPositive.Title, RuleBook.LearningRateNotPositive.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        Description, RuleBook.LearningRateNotPositive.HelpLink);

    public static readonly DiagnosticDescriptor CountNotPositive = new("ALIGN007", RuleBook.CountNotPositive.Title, RuleBook.CountNotPositive.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        Description, RuleBook.CountNotPositive.HelpLink);

    public static readonly DiagnosticDescriptor LabelSmoothingOutOfRange = new("ALIGN008", RuleBook.LabelSmoothingOutOfRange.Title, RuleBook.LabelSmoothingOutOfRange.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        Description, RuleBook.LabelSmoothingOutOfRange.HelpLink);

    public static readonly DiagnosticDescriptor NotAnEvalSuite = new("ALIGN009", RuleBook.NotAnEvalSuite.Title, RuleBook.NotAnEvalSuite.MessageFormat, "AlignDsl.Evaluation", DiagnosticSeverity.Error, true,
        Description, RuleBook.NotAnEvalSuite.HelpLink);

    public static readonly DiagnosticDescriptor ModelShapeInvalid = new("ALIGN010", RuleBook.ModelShapeInvalid.Title, RuleBook.ModelShapeInvalid.MessageFormat, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        Description, RuleBook.ModelShapeInvalid.HelpLink);

    public static readonly DiagnosticDescriptor SequenceTooLong = new("ALIGN011", RuleBook.SequenceTooLong.Title, RuleBook.SequenceTooLong.MessageFormat, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        Description, RuleBook.SequenceTooLong.HelpLink);

    public static readonly DiagnosticDescriptor BetaOutsideTypicalRange = new("ALIGN012", RuleBook.BetaOutsideTypicalRange.Title, RuleBook.BetaOutsideTypicalRange.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Warning, true,
        Description, RuleBook.BetaOutsideTypicalRange.HelpLink);

    public static readonly DiagnosticDescriptor RedTeamWithoutOverRefusal = new("ALIGN013", RuleBook.RedTeamWithoutOverRefusal.Title, RuleBook.RedTeamWithoutOverRefusal.MessageFormat, "AlignDsl.Evaluation", DiagnosticSeverity.Warning, true,
        Description, RuleBook.RedTeamWithoutOverRefusal.HelpLink);

    public static readonly DiagnosticDescriptor InitFromCycle = new("ALIGN014", RuleBook.InitFromCycle.Title, RuleBook.InitFromCycle.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.InitFromCycle.HelpLink);

    public static readonly DiagnosticDescriptor NestedExperiment = new("ALIGN015", RuleBook.NestedExperiment.Title, RuleBook.NestedExperiment.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.NestedExperiment.HelpLink);

    public static readonly DiagnosticDescriptor DuplicateExperimentName = new("ALIGN016", RuleBook.DuplicateExperimentName.Title, RuleBook.DuplicateExperimentName.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.DuplicateExperimentName.HelpLink);

    public static readonly DiagnosticDescriptor NoData = new("ALIGN017", RuleBook.NoData.Title, RuleBook.NoData.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.NoData.HelpLink);

    public static readonly DiagnosticDescriptor MoreThanOneDataSource = new("ALIGN018", RuleBook.MoreThanOneDataSource.Title, RuleBook.MoreThanOneDataSource.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.MoreThanOneDataSource.HelpLink);

    public static readonly DiagnosticDescriptor WeightNotPositive = new("ALIGN019", RuleBook.WeightNotPositive.Title, RuleBook.WeightNotPositive.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        Description, RuleBook.WeightNotPositive.HelpLink);

    public static readonly DiagnosticDescriptor SuiteNeedsPolicy = new("ALIGN020", RuleBook.SuiteNeedsPolicy.Title, RuleBook.SuiteNeedsPolicy.MessageFormat, "AlignDsl.Evaluation", DiagnosticSeverity.Error, true,
        Description, RuleBook.SuiteNeedsPolicy.HelpLink);

    public static readonly DiagnosticDescriptor InitFromNotPolicy = new("ALIGN021", RuleBook.InitFromNotPolicy.Title, RuleBook.InitFromNotPolicy.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.InitFromNotPolicy.HelpLink);

    public static readonly DiagnosticDescriptor NegativeSetting = new("ALIGN022", RuleBook.NegativeSetting.Title, RuleBook.NegativeSetting.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        Description, RuleBook.NegativeSetting.HelpLink);

    public static readonly DiagnosticDescriptor ReferenceForReferenceFreeObjective = new("ALIGN023", RuleBook.ReferenceForReferenceFreeObjective.Title, RuleBook.ReferenceForReferenceFreeObjective.MessageFormat, "AlignDsl.Model", DiagnosticSeverity.Warning, true,
        Description, RuleBook.ReferenceForReferenceFreeObjective.HelpLink);

    public static readonly DiagnosticDescriptor OverMemoryBudget = new("ALIGN024", RuleBook.OverMemoryBudget.Title, RuleBook.OverMemoryBudget.MessageFormat, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        Description, RuleBook.OverMemoryBudget.HelpLink);

    public static readonly DiagnosticDescriptor DataShapeMismatch = new("ALIGN025", RuleBook.DataShapeMismatch.Title, RuleBook.DataShapeMismatch.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.DataShapeMismatch.HelpLink);

    public static readonly DiagnosticDescriptor KtoSplitsPairs = new("ALIGN026", RuleBook.KtoSplitsPairs.Title, RuleBook.KtoSplitsPairs.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Info, true,
        Description, RuleBook.KtoSplitsPairs.HelpLink);

    public static readonly DiagnosticDescriptor BuilderArgumentNotConstant = new("ALIGN027", RuleBook.BuilderArgumentNotConstant.Title, RuleBook.BuilderArgumentNotConstant.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.BuilderArgumentNotConstant.HelpLink);

    public static readonly DiagnosticDescriptor BuilderCallNotUnderstood = new("ALIGN028", RuleBook.BuilderCallNotUnderstood.Title, RuleBook.BuilderCallNotUnderstood.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.BuilderCallNotUnderstood.HelpLink);

    public static readonly DiagnosticDescriptor SettingDeclaredTwice = new("ALIGN029", RuleBook.SettingDeclaredTwice.Title, RuleBook.SettingDeclaredTwice.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.SettingDeclaredTwice.HelpLink);

    public static readonly DiagnosticDescriptor ConstitutionWithoutPrinciples = new("ALIGN030", RuleBook.ConstitutionWithoutPrinciples.Title, RuleBook.ConstitutionWithoutPrinciples.MessageFormat, "AlignDsl.Constitution", DiagnosticSeverity.Error, true,
        Description, RuleBook.ConstitutionWithoutPrinciples.HelpLink);

    public static readonly DiagnosticDescriptor DuplicatePrincipleId = new("ALIGN031", RuleBook.DuplicatePrincipleId.Title, RuleBook.DuplicatePrincipleId.MessageFormat, "AlignDsl.Constitution", DiagnosticSeverity.Error, true,
        Description, RuleBook.DuplicatePrincipleId.HelpLink);

    public static readonly DiagnosticDescriptor EmptyPrinciple = new("ALIGN032", RuleBook.EmptyPrinciple.Title, RuleBook.EmptyPrinciple.MessageFormat, "AlignDsl.Constitution", DiagnosticSeverity.Error, true,
        Description, RuleBook.EmptyPrinciple.HelpLink);

    public static readonly DiagnosticDescriptor PrinciplesUnused = new("ALIGN033", RuleBook.PrinciplesUnused.Title, RuleBook.PrinciplesUnused.MessageFormat, "AlignDsl.Constitution", DiagnosticSeverity.Warning, true,
        Description, RuleBook.PrinciplesUnused.HelpLink);

    public static readonly DiagnosticDescriptor ConstitutionNeedsPolicy = new("ALIGN034", RuleBook.ConstitutionNeedsPolicy.Title, RuleBook.ConstitutionNeedsPolicy.MessageFormat, "AlignDsl.Constitution", DiagnosticSeverity.Error, true,
        Description, RuleBook.ConstitutionNeedsPolicy.HelpLink);

    public static readonly DiagnosticDescriptor SuiteNeedsBaseline = new("ALIGN035", RuleBook.SuiteNeedsBaseline.Title, RuleBook.SuiteNeedsBaseline.MessageFormat, "AlignDsl.Evaluation", DiagnosticSeverity.Error, true,
        Description, RuleBook.SuiteNeedsBaseline.HelpLink);

    public static readonly DiagnosticDescriptor RewardModelWithoutBiasCheck = new("ALIGN036", RuleBook.RewardModelWithoutBiasCheck.Title, RuleBook.RewardModelWithoutBiasCheck.MessageFormat, "AlignDsl.Evaluation", DiagnosticSeverity.Warning, true,
        Description, RuleBook.RewardModelWithoutBiasCheck.HelpLink);

    public static readonly DiagnosticDescriptor BiasSuiteNeedsLiveReference = new("ALIGN037", RuleBook.BiasSuiteNeedsLiveReference.Title, RuleBook.BiasSuiteNeedsLiveReference.MessageFormat, "AlignDsl.Evaluation", DiagnosticSeverity.Error, true,
        Description, RuleBook.BiasSuiteNeedsLiveReference.HelpLink);

    public static readonly DiagnosticDescriptor SuiteDeclaredTwice = new("ALIGN038", RuleBook.SuiteDeclaredTwice.Title, RuleBook.SuiteDeclaredTwice.MessageFormat, "AlignDsl.Evaluation", DiagnosticSeverity.Warning, true,
        Description, RuleBook.SuiteDeclaredTwice.HelpLink);

    public static readonly DiagnosticDescriptor SimPoMarginOutsideRange = new("ALIGN039", RuleBook.SimPoMarginOutsideRange.Title, RuleBook.SimPoMarginOutsideRange.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Warning, true,
        Description, RuleBook.SimPoMarginOutsideRange.HelpLink);

    public static readonly DiagnosticDescriptor PrincipleJudgeCannotLabel = new("ALIGN040", RuleBook.PrincipleJudgeCannotLabel.Title, RuleBook.PrincipleJudgeCannotLabel.MessageFormat, "AlignDsl.Constitution", DiagnosticSeverity.Error, true,
        Description, RuleBook.PrincipleJudgeCannotLabel.HelpLink);

    public static readonly DiagnosticDescriptor PpoRewardMissing = new("ALIGN041", RuleBook.PpoRewardMissing.Title, RuleBook.PpoRewardMissing.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.PpoRewardMissing.HelpLink);

    public static readonly DiagnosticDescriptor NotARewardSource = new("ALIGN042", RuleBook.NotARewardSource.Title, RuleBook.NotARewardSource.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.NotARewardSource.HelpLink);

    public static readonly DiagnosticDescriptor RewardUnused = new("ALIGN043", RuleBook.RewardUnused.Title, RuleBook.RewardUnused.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Warning, true,
        Description, RuleBook.RewardUnused.HelpLink);

    public static readonly DiagnosticDescriptor PpoNeedsPolicy = new("ALIGN044", RuleBook.PpoNeedsPolicy.Title, RuleBook.PpoNeedsPolicy.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.PpoNeedsPolicy.HelpLink);

    public static readonly DiagnosticDescriptor NotFinite = new("ALIGN045", RuleBook.NotFinite.Title, RuleBook.NotFinite.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        Description, RuleBook.NotFinite.HelpLink);

    public static readonly DiagnosticDescriptor BudgetNotPositive = new("ALIGN046", RuleBook.BudgetNotPositive.Title, RuleBook.BudgetNotPositive.MessageFormat, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        Description, RuleBook.BudgetNotPositive.HelpLink);

    public static readonly DiagnosticDescriptor EnumValueUndefined = new("ALIGN047", RuleBook.EnumValueUndefined.Title, RuleBook.EnumValueUndefined.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        Description, RuleBook.EnumValueUndefined.HelpLink);

    public static readonly DiagnosticDescriptor ClassShapeUnsupported = new("ALIGN048", RuleBook.ClassShapeUnsupported.Title, RuleBook.ClassShapeUnsupported.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.ClassShapeUnsupported.HelpLink);

    public static readonly DiagnosticDescriptor MemberCollidesWithGenerated = new("ALIGN049", RuleBook.MemberCollidesWithGenerated.Title, RuleBook.MemberCollidesWithGenerated.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.MemberCollidesWithGenerated.HelpLink);

    public static readonly DiagnosticDescriptor NameNotFolderSafe = new("ALIGN050", RuleBook.NameNotFolderSafe.Title, RuleBook.NameNotFolderSafe.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.NameNotFolderSafe.HelpLink);

    public static readonly DiagnosticDescriptor NamesDifferOnlyByCase = new("ALIGN051", RuleBook.NamesDifferOnlyByCase.Title, RuleBook.NamesDifferOnlyByCase.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.NamesDifferOnlyByCase.HelpLink);

    public static readonly DiagnosticDescriptor JsonlPathInvalid = new("ALIGN052", RuleBook.JsonlPathInvalid.Title, RuleBook.JsonlPathInvalid.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.JsonlPathInvalid.HelpLink);

    public static readonly DiagnosticDescriptor HeldOutIsTrainingFile = new("ALIGN053", RuleBook.HeldOutIsTrainingFile.Title, RuleBook.HeldOutIsTrainingFile.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.HeldOutIsTrainingFile.HelpLink);

    public static readonly DiagnosticDescriptor JsonlFileNotInProject = new("ALIGN054", RuleBook.JsonlFileNotInProject.Title, RuleBook.JsonlFileNotInProject.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.JsonlFileNotInProject.HelpLink);

    public static readonly DiagnosticDescriptor WarmupNotBelowSteps = new("ALIGN055", RuleBook.WarmupNotBelowSteps.Title, RuleBook.WarmupNotBelowSteps.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        Description, RuleBook.WarmupNotBelowSteps.HelpLink);

    public static readonly DiagnosticDescriptor AnswerLongerThanSequence = new("ALIGN056", RuleBook.AnswerLongerThanSequence.Title, RuleBook.AnswerLongerThanSequence.MessageFormat, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        Description, RuleBook.AnswerLongerThanSequence.HelpLink);

    public static readonly DiagnosticDescriptor RewardVocabularyMismatch = new("ALIGN057", RuleBook.RewardVocabularyMismatch.Title, RuleBook.RewardVocabularyMismatch.MessageFormat, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        Description, RuleBook.RewardVocabularyMismatch.HelpLink);

    public static readonly DiagnosticDescriptor RewardFromCycle = new("ALIGN058", RuleBook.RewardFromCycle.Title, RuleBook.RewardFromCycle.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.RewardFromCycle.HelpLink);

    public static readonly DiagnosticDescriptor ConfigureNotStatic = new("ALIGN059", RuleBook.ConfigureNotStatic.Title, RuleBook.ConfigureNotStatic.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.ConfigureNotStatic.HelpLink);

    public static readonly DiagnosticDescriptor ProbesNameNoFile = new("ALIGN060", RuleBook.ProbesNameNoFile.Title, RuleBook.ProbesNameNoFile.MessageFormat, "AlignDsl.Evaluation", DiagnosticSeverity.Error, true,
        Description, RuleBook.ProbesNameNoFile.HelpLink);

    public static readonly DiagnosticDescriptor ProbesUnused = new("ALIGN061", RuleBook.ProbesUnused.Title, RuleBook.ProbesUnused.MessageFormat, "AlignDsl.Evaluation", DiagnosticSeverity.Warning, true,
        Description, RuleBook.ProbesUnused.HelpLink);

    public static readonly DiagnosticDescriptor ProbesMeasureDifferentPrompts = new("ALIGN062", RuleBook.ProbesMeasureDifferentPrompts.Title, RuleBook.ProbesMeasureDifferentPrompts.MessageFormat, "AlignDsl.Evaluation", DiagnosticSeverity.Warning, true,
        Description, RuleBook.ProbesMeasureDifferentPrompts.HelpLink);

    public static readonly DiagnosticDescriptor ProbeFilesAreTheSame = new("ALIGN063", RuleBook.ProbeFilesAreTheSame.Title, RuleBook.ProbeFilesAreTheSame.MessageFormat, "AlignDsl.Evaluation", DiagnosticSeverity.Error, true,
        Description, RuleBook.ProbeFilesAreTheSame.HelpLink);

    public static readonly DiagnosticDescriptor ExportNeedsRewardModel = new("ALIGN064", RuleBook.ExportNeedsRewardModel.Title, RuleBook.ExportNeedsRewardModel.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.ExportNeedsRewardModel.HelpLink);

    public static readonly DiagnosticDescriptor ExportApproximates = new("ALIGN065", RuleBook.ExportApproximates.Title, RuleBook.ExportApproximates.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Warning, true,
        Description, RuleBook.ExportApproximates.HelpLink);
    public static readonly DiagnosticDescriptor PretrainedConfigUnsupported = new("ALIGN066", RuleBook.PretrainedConfigUnsupported.Title, RuleBook.PretrainedConfigUnsupported.MessageFormat, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        Description, RuleBook.PretrainedConfigUnsupported.HelpLink);

    public static readonly DiagnosticDescriptor LoraTargetNotInArchitecture = new("ALIGN067", RuleBook.LoraTargetNotInArchitecture.Title, RuleBook.LoraTargetNotInArchitecture.MessageFormat, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        Description, RuleBook.LoraTargetNotInArchitecture.HelpLink);

    public static readonly DiagnosticDescriptor PretrainedConfigNotGiven = new("ALIGN068", RuleBook.PretrainedConfigNotGiven.Title, RuleBook.PretrainedConfigNotGiven.MessageFormat, "AlignDsl.Model", DiagnosticSeverity.Info, true,
        Description, RuleBook.PretrainedConfigNotGiven.HelpLink);
    public static readonly DiagnosticDescriptor GuardsWithoutRollouts = new("ALIGN069", RuleBook.GuardsWithoutRollouts.Title, RuleBook.GuardsWithoutRollouts.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Warning, true,
        Description, RuleBook.GuardsWithoutRollouts.HelpLink);

    public static readonly DiagnosticDescriptor GuardBoundOutOfRange = new("ALIGN070", RuleBook.GuardBoundOutOfRange.Title, RuleBook.GuardBoundOutOfRange.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        Description, RuleBook.GuardBoundOutOfRange.HelpLink);

    public static readonly DiagnosticDescriptor GuardWindowLongerThanRun = new("ALIGN071", RuleBook.GuardWindowLongerThanRun.Title, RuleBook.GuardWindowLongerThanRun.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Warning, true,
        Description, RuleBook.GuardWindowLongerThanRun.HelpLink);

    public static readonly DiagnosticDescriptor GuardJudgeCheckCannotRun = new("ALIGN072", RuleBook.GuardJudgeCheckCannotRun.Title, RuleBook.GuardJudgeCheckCannotRun.MessageFormat, "AlignDsl.Evaluation", DiagnosticSeverity.Warning, true,
        Description, RuleBook.GuardJudgeCheckCannotRun.HelpLink);
    public static readonly DiagnosticDescriptor PretrainedWithInitFrom = new("ALIGN073", RuleBook.PretrainedWithInitFrom.Title, RuleBook.PretrainedWithInitFrom.MessageFormat, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        Description, RuleBook.PretrainedWithInitFrom.HelpLink);

    public static readonly DiagnosticDescriptor PretrainedWithSize = new("ALIGN074", RuleBook.PretrainedWithSize.Title, RuleBook.PretrainedWithSize.MessageFormat, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        Description, RuleBook.PretrainedWithSize.HelpLink);

    public static readonly DiagnosticDescriptor PretrainedPathInvalid = new("ALIGN075", RuleBook.PretrainedPathInvalid.Title, RuleBook.PretrainedPathInvalid.MessageFormat, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        Description, RuleBook.PretrainedPathInvalid.HelpLink);

    public static readonly DiagnosticDescriptor ChatTemplateInvalid = new("ALIGN076", RuleBook.ChatTemplateInvalid.Title, RuleBook.ChatTemplateInvalid.MessageFormat, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        Description, RuleBook.ChatTemplateInvalid.HelpLink);

    public static readonly DiagnosticDescriptor LoraSettingOutOfRange = new("ALIGN077", RuleBook.LoraSettingOutOfRange.Title, RuleBook.LoraSettingOutOfRange.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        Description, RuleBook.LoraSettingOutOfRange.HelpLink);

    public static readonly DiagnosticDescriptor LoraTargetsInvalid = new("ALIGN078", RuleBook.LoraTargetsInvalid.Title, RuleBook.LoraTargetsInvalid.MessageFormat, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        Description, RuleBook.LoraTargetsInvalid.HelpLink);

    public static readonly DiagnosticDescriptor LoraTargetNotInModel = new("ALIGN079", RuleBook.LoraTargetNotInModel.Title, RuleBook.LoraTargetNotInModel.MessageFormat, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        Description, RuleBook.LoraTargetNotInModel.HelpLink);

    public static readonly DiagnosticDescriptor GroupTooSmall = new("ALIGN080", RuleBook.GroupTooSmall.Title, RuleBook.GroupTooSmall.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        Description, RuleBook.GroupTooSmall.HelpLink);

    public static readonly DiagnosticDescriptor GuardsNotWatching = new("ALIGN081", RuleBook.GuardsNotWatching.Title, RuleBook.GuardsNotWatching.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Warning, true,
        Description, RuleBook.GuardsNotWatching.HelpLink);
    public static readonly DiagnosticDescriptor RewardMethodNotStatic = new("ALIGN082", RuleBook.RewardMethodNotStatic.Title, RuleBook.RewardMethodNotStatic.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.RewardMethodNotStatic.HelpLink);

    public static readonly DiagnosticDescriptor RewardMethodSignature = new("ALIGN083", RuleBook.RewardMethodSignature.Title, RuleBook.RewardMethodSignature.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.RewardMethodSignature.HelpLink);

    public static readonly DiagnosticDescriptor RewardMethodInaccessible = new("ALIGN084", RuleBook.RewardMethodInaccessible.Title, RuleBook.RewardMethodInaccessible.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.RewardMethodInaccessible.HelpLink);

    public static readonly DiagnosticDescriptor RewardWeightNotPositive = new("ALIGN085", RuleBook.RewardWeightNotPositive.Title, RuleBook.RewardWeightNotPositive.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        Description, RuleBook.RewardWeightNotPositive.HelpLink);

    public static readonly DiagnosticDescriptor RewardDeclaredTwice = new("ALIGN086", RuleBook.RewardDeclaredTwice.Title, RuleBook.RewardDeclaredTwice.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.RewardDeclaredTwice.HelpLink);
    public static readonly DiagnosticDescriptor MiniBatchesDoNotDivideRollout = new("ALIGN087", RuleBook.MiniBatchesDoNotDivideRollout.Title, RuleBook.MiniBatchesDoNotDivideRollout.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        Description, RuleBook.MiniBatchesDoNotDivideRollout.HelpLink);
    public static readonly DiagnosticDescriptor KlHorizonWithoutTarget = new("ALIGN088", RuleBook.KlHorizonWithoutTarget.Title, RuleBook.KlHorizonWithoutTarget.MessageFormat, "AlignDsl.Ranges", DiagnosticSeverity.Warning, true,
        Description, RuleBook.KlHorizonWithoutTarget.HelpLink);
    public static readonly DiagnosticDescriptor SweepSettingUnknown = new("ALIGN089", RuleBook.SweepSettingUnknown.Title, RuleBook.SweepSettingUnknown.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.SweepSettingUnknown.HelpLink);

    public static readonly DiagnosticDescriptor SweepWithoutValues = new("ALIGN090", RuleBook.SweepWithoutValues.Title, RuleBook.SweepWithoutValues.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.SweepWithoutValues.HelpLink);

    public static readonly DiagnosticDescriptor SweepValueRepeated = new("ALIGN091", RuleBook.SweepValueRepeated.Title, RuleBook.SweepValueRepeated.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.SweepValueRepeated.HelpLink);

    public static readonly DiagnosticDescriptor SweepNameCollides = new("ALIGN092", RuleBook.SweepNameCollides.Title, RuleBook.SweepNameCollides.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.SweepNameCollides.HelpLink);

    public static readonly DiagnosticDescriptor SweepNotAnExperiment = new("ALIGN093", RuleBook.SweepNotAnExperiment.Title, RuleBook.SweepNotAnExperiment.MessageFormat, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        Description, RuleBook.SweepNotAnExperiment.HelpLink);


    public static ImmutableArray<DiagnosticDescriptor> All { get; } = [ClassNotPartial, NoObjective, MoreThanOneObjective, BetaNotPositive, InitFromNotExperiment, LearningRateNotPositive, CountNotPositive, LabelSmoothingOutOfRange, NotAnEvalSuite, ModelShapeInvalid, SequenceTooLong, BetaOutsideTypicalRange, RedTeamWithoutOverRefusal, InitFromCycle, NestedExperiment, DuplicateExperimentName, NoData, MoreThanOneDataSource, WeightNotPositive, SuiteNeedsPolicy,
        InitFromNotPolicy, NegativeSetting, ReferenceForReferenceFreeObjective, OverMemoryBudget, DataShapeMismatch, KtoSplitsPairs,
        BuilderArgumentNotConstant, BuilderCallNotUnderstood, SettingDeclaredTwice,
        ConstitutionWithoutPrinciples, DuplicatePrincipleId, EmptyPrinciple, PrinciplesUnused, ConstitutionNeedsPolicy, SuiteNeedsBaseline, RewardModelWithoutBiasCheck, BiasSuiteNeedsLiveReference, SuiteDeclaredTwice,
        SimPoMarginOutsideRange, PrincipleJudgeCannotLabel, PpoRewardMissing, NotARewardSource, RewardUnused, PpoNeedsPolicy,
        NotFinite, BudgetNotPositive, EnumValueUndefined, ClassShapeUnsupported, MemberCollidesWithGenerated, NameNotFolderSafe, NamesDifferOnlyByCase, JsonlPathInvalid, HeldOutIsTrainingFile, JsonlFileNotInProject, WarmupNotBelowSteps, AnswerLongerThanSequence, RewardVocabularyMismatch, RewardFromCycle, ConfigureNotStatic,
        ProbesNameNoFile, ProbesUnused, ProbesMeasureDifferentPrompts, ProbeFilesAreTheSame, ExportNeedsRewardModel, ExportApproximates,
        PretrainedConfigUnsupported, LoraTargetNotInArchitecture, PretrainedConfigNotGiven,
        GuardsWithoutRollouts, GuardBoundOutOfRange, GuardWindowLongerThanRun, GuardJudgeCheckCannotRun,
        PretrainedWithInitFrom, PretrainedWithSize, PretrainedPathInvalid, ChatTemplateInvalid, LoraSettingOutOfRange, LoraTargetsInvalid, LoraTargetNotInModel,
        GroupTooSmall, GuardsNotWatching,
        RewardMethodNotStatic, RewardMethodSignature, RewardMethodInaccessible, RewardWeightNotPositive, RewardDeclaredTwice,
        MiniBatchesDoNotDivideRollout, KlHorizonWithoutTarget,
        SweepSettingUnknown, SweepWithoutValues, SweepValueRepeated, SweepNameCollides, SweepNotAnExperiment];

    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = All.ToImmutableDictionary(d => d.Id);

    public static DiagnosticDescriptor For(string ruleId) => ById[ruleId];
}
