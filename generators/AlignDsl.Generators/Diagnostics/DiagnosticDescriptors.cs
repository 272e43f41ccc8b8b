using System.Collections.Immutable;
using AlignDsl.Rules;
using Microsoft.CodeAnalysis;

namespace AlignDsl.Generators.Diagnostics;

/// <summary>
/// One descriptor per rule of the shared rulebook. Titles and messages come from <see cref="RuleBook"/>; id, category
/// and severity are written out here as well so release tracking (AnalyzerReleases.*.md) can read them, and a test
/// checks that both agree.
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>Messages are finished by the rulebook (with their arguments) before they are reported.</summary>
    private const string Message = "{0}";

    public static readonly DiagnosticDescriptor ClassNotPartial = new("ALIGN001", RuleBook.ClassNotPartial.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.ClassNotPartial.MessageFormat, RuleBook.ClassNotPartial.HelpLink);

    public static readonly DiagnosticDescriptor NoObjective = new("ALIGN002", RuleBook.NoObjective.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.NoObjective.MessageFormat, RuleBook.NoObjective.HelpLink);

    public static readonly DiagnosticDescriptor MoreThanOneObjective = new("ALIGN003", RuleBook.MoreThanOneObjective.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.MoreThanOneObjective.MessageFormat, RuleBook.MoreThanOneObjective.HelpLink);

    public static readonly DiagnosticDescriptor BetaNotPositive = new("ALIGN004", RuleBook.BetaNotPositive.Title, Message, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        RuleBook.BetaNotPositive.MessageFormat, RuleBook.BetaNotPositive.HelpLink);

    public static readonly DiagnosticDescriptor InitFromNotExperiment = new("ALIGN005", RuleBook.InitFromNotExperiment.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.InitFromNotExperiment.MessageFormat, RuleBook.InitFromNotExperiment.HelpLink);

    public static readonly DiagnosticDescriptor LearningRateNotPositive = new("ALIGN006", RuleBook.LearningRateNotPositive.Title, Message, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        RuleBook.LearningRateNotPositive.MessageFormat, RuleBook.LearningRateNotPositive.HelpLink);

    public static readonly DiagnosticDescriptor CountNotPositive = new("ALIGN007", RuleBook.CountNotPositive.Title, Message, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        RuleBook.CountNotPositive.MessageFormat, RuleBook.CountNotPositive.HelpLink);

    public static readonly DiagnosticDescriptor LabelSmoothingOutOfRange = new("ALIGN008", RuleBook.LabelSmoothingOutOfRange.Title, Message, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        RuleBook.LabelSmoothingOutOfRange.MessageFormat, RuleBook.LabelSmoothingOutOfRange.HelpLink);

    public static readonly DiagnosticDescriptor NotAnEvalSuite = new("ALIGN009", RuleBook.NotAnEvalSuite.Title, Message, "AlignDsl.Evaluation", DiagnosticSeverity.Error, true,
        RuleBook.NotAnEvalSuite.MessageFormat, RuleBook.NotAnEvalSuite.HelpLink);

    public static readonly DiagnosticDescriptor ModelShapeInvalid = new("ALIGN010", RuleBook.ModelShapeInvalid.Title, Message, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        RuleBook.ModelShapeInvalid.MessageFormat, RuleBook.ModelShapeInvalid.HelpLink);

    public static readonly DiagnosticDescriptor SequenceTooLong = new("ALIGN011", RuleBook.SequenceTooLong.Title, Message, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        RuleBook.SequenceTooLong.MessageFormat, RuleBook.SequenceTooLong.HelpLink);

    public static readonly DiagnosticDescriptor BetaOutsideTypicalRange = new("ALIGN012", RuleBook.BetaOutsideTypicalRange.Title, Message, "AlignDsl.Ranges", DiagnosticSeverity.Warning, true,
        RuleBook.BetaOutsideTypicalRange.MessageFormat, RuleBook.BetaOutsideTypicalRange.HelpLink);

    public static readonly DiagnosticDescriptor RedTeamWithoutOverRefusal = new("ALIGN013", RuleBook.RedTeamWithoutOverRefusal.Title, Message, "AlignDsl.Evaluation", DiagnosticSeverity.Warning, true,
        RuleBook.RedTeamWithoutOverRefusal.MessageFormat, RuleBook.RedTeamWithoutOverRefusal.HelpLink);

    public static readonly DiagnosticDescriptor InitFromCycle = new("ALIGN014", RuleBook.InitFromCycle.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.InitFromCycle.MessageFormat, RuleBook.InitFromCycle.HelpLink);

    public static readonly DiagnosticDescriptor NestedExperiment = new("ALIGN015", RuleBook.NestedExperiment.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.NestedExperiment.MessageFormat, RuleBook.NestedExperiment.HelpLink);

    public static readonly DiagnosticDescriptor DuplicateExperimentName = new("ALIGN016", RuleBook.DuplicateExperimentName.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.DuplicateExperimentName.MessageFormat, RuleBook.DuplicateExperimentName.HelpLink);

    public static readonly DiagnosticDescriptor NoData = new("ALIGN017", RuleBook.NoData.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.NoData.MessageFormat, RuleBook.NoData.HelpLink);

    public static readonly DiagnosticDescriptor MoreThanOneDataSource = new("ALIGN018", RuleBook.MoreThanOneDataSource.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.MoreThanOneDataSource.MessageFormat, RuleBook.MoreThanOneDataSource.HelpLink);

    public static readonly DiagnosticDescriptor WeightNotPositive = new("ALIGN019", RuleBook.WeightNotPositive.Title, Message, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        RuleBook.WeightNotPositive.MessageFormat, RuleBook.WeightNotPositive.HelpLink);

    public static readonly DiagnosticDescriptor SuiteNeedsPolicy = new("ALIGN020", RuleBook.SuiteNeedsPolicy.Title, Message, "AlignDsl.Evaluation", DiagnosticSeverity.Error, true,
        RuleBook.SuiteNeedsPolicy.MessageFormat, RuleBook.SuiteNeedsPolicy.HelpLink);

    public static readonly DiagnosticDescriptor InitFromNotPolicy = new("ALIGN021", RuleBook.InitFromNotPolicy.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.InitFromNotPolicy.MessageFormat, RuleBook.InitFromNotPolicy.HelpLink);

    public static readonly DiagnosticDescriptor NegativeSetting = new("ALIGN022", RuleBook.NegativeSetting.Title, Message, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        RuleBook.NegativeSetting.MessageFormat, RuleBook.NegativeSetting.HelpLink);

    public static readonly DiagnosticDescriptor ReferenceForReferenceFreeObjective = new("ALIGN023", RuleBook.ReferenceForReferenceFreeObjective.Title, Message, "AlignDsl.Model", DiagnosticSeverity.Warning, true,
        RuleBook.ReferenceForReferenceFreeObjective.MessageFormat, RuleBook.ReferenceForReferenceFreeObjective.HelpLink);

    public static readonly DiagnosticDescriptor OverMemoryBudget = new("ALIGN024", RuleBook.OverMemoryBudget.Title, Message, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        RuleBook.OverMemoryBudget.MessageFormat, RuleBook.OverMemoryBudget.HelpLink);

    public static readonly DiagnosticDescriptor DataShapeMismatch = new("ALIGN025", RuleBook.DataShapeMismatch.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.DataShapeMismatch.MessageFormat, RuleBook.DataShapeMismatch.HelpLink);

    public static readonly DiagnosticDescriptor KtoSplitsPairs = new("ALIGN026", RuleBook.KtoSplitsPairs.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Info, true,
        RuleBook.KtoSplitsPairs.MessageFormat, RuleBook.KtoSplitsPairs.HelpLink);

    public static readonly DiagnosticDescriptor BuilderArgumentNotConstant = new("ALIGN027", RuleBook.BuilderArgumentNotConstant.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.BuilderArgumentNotConstant.MessageFormat, RuleBook.BuilderArgumentNotConstant.HelpLink);

    public static readonly DiagnosticDescriptor BuilderCallNotUnderstood = new("ALIGN028", RuleBook.BuilderCallNotUnderstood.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.BuilderCallNotUnderstood.MessageFormat, RuleBook.BuilderCallNotUnderstood.HelpLink);

    public static readonly DiagnosticDescriptor SettingDeclaredTwice = new("ALIGN029", RuleBook.SettingDeclaredTwice.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.SettingDeclaredTwice.MessageFormat, RuleBook.SettingDeclaredTwice.HelpLink);

    public static readonly DiagnosticDescriptor ConstitutionWithoutPrinciples = new("ALIGN030", RuleBook.ConstitutionWithoutPrinciples.Title, Message, "AlignDsl.Constitution", DiagnosticSeverity.Error, true,
        RuleBook.ConstitutionWithoutPrinciples.MessageFormat, RuleBook.ConstitutionWithoutPrinciples.HelpLink);

    public static readonly DiagnosticDescriptor DuplicatePrincipleId = new("ALIGN031", RuleBook.DuplicatePrincipleId.Title, Message, "AlignDsl.Constitution", DiagnosticSeverity.Error, true,
        RuleBook.DuplicatePrincipleId.MessageFormat, RuleBook.DuplicatePrincipleId.HelpLink);

    public static readonly DiagnosticDescriptor EmptyPrinciple = new("ALIGN032", RuleBook.EmptyPrinciple.Title, Message, "AlignDsl.Constitution", DiagnosticSeverity.Error, true,
        RuleBook.EmptyPrinciple.MessageFormat, RuleBook.EmptyPrinciple.HelpLink);

    public static readonly DiagnosticDescriptor PrinciplesUnused = new("ALIGN033", RuleBook.PrinciplesUnused.Title, Message, "AlignDsl.Constitution", DiagnosticSeverity.Warning, true,
        RuleBook.PrinciplesUnused.MessageFormat, RuleBook.PrinciplesUnused.HelpLink);

    public static readonly DiagnosticDescriptor ConstitutionNeedsPolicy = new("ALIGN034", RuleBook.ConstitutionNeedsPolicy.Title, Message, "AlignDsl.Constitution", DiagnosticSeverity.Error, true,
        RuleBook.ConstitutionNeedsPolicy.MessageFormat, RuleBook.ConstitutionNeedsPolicy.HelpLink);

    public static readonly DiagnosticDescriptor SuiteNeedsBaseline = new("ALIGN035", RuleBook.SuiteNeedsBaseline.Title, Message, "AlignDsl.Evaluation", DiagnosticSeverity.Error, true,
        RuleBook.SuiteNeedsBaseline.MessageFormat, RuleBook.SuiteNeedsBaseline.HelpLink);

    public static readonly DiagnosticDescriptor RewardModelWithoutBiasCheck = new("ALIGN036", RuleBook.RewardModelWithoutBiasCheck.Title, Message, "AlignDsl.Evaluation", DiagnosticSeverity.Warning, true,
        RuleBook.RewardModelWithoutBiasCheck.MessageFormat, RuleBook.RewardModelWithoutBiasCheck.HelpLink);

    public static readonly DiagnosticDescriptor BiasSuiteNeedsLiveReference = new("ALIGN037", RuleBook.BiasSuiteNeedsLiveReference.Title, Message, "AlignDsl.Evaluation", DiagnosticSeverity.Error, true,
        RuleBook.BiasSuiteNeedsLiveReference.MessageFormat, RuleBook.BiasSuiteNeedsLiveReference.HelpLink);

    public static readonly DiagnosticDescriptor SuiteDeclaredTwice = new("ALIGN038", RuleBook.SuiteDeclaredTwice.Title, Message, "AlignDsl.Evaluation", DiagnosticSeverity.Warning, true,
        RuleBook.SuiteDeclaredTwice.MessageFormat, RuleBook.SuiteDeclaredTwice.HelpLink);

    public static readonly DiagnosticDescriptor SimPoMarginOutsideRange = new("ALIGN039", RuleBook.SimPoMarginOutsideRange.Title, Message, "AlignDsl.Ranges", DiagnosticSeverity.Warning, true,
        RuleBook.SimPoMarginOutsideRange.MessageFormat, RuleBook.SimPoMarginOutsideRange.HelpLink);

    public static readonly DiagnosticDescriptor PrincipleJudgeCannotLabel = new("ALIGN040", RuleBook.PrincipleJudgeCannotLabel.Title, Message, "AlignDsl.Constitution", DiagnosticSeverity.Error, true,
        RuleBook.PrincipleJudgeCannotLabel.MessageFormat, RuleBook.PrincipleJudgeCannotLabel.HelpLink);

    public static readonly DiagnosticDescriptor PpoRewardMissing = new("ALIGN041", RuleBook.PpoRewardMissing.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.PpoRewardMissing.MessageFormat, RuleBook.PpoRewardMissing.HelpLink);

    public static readonly DiagnosticDescriptor NotARewardSource = new("ALIGN042", RuleBook.NotARewardSource.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.NotARewardSource.MessageFormat, RuleBook.NotARewardSource.HelpLink);

    public static readonly DiagnosticDescriptor RewardUnused = new("ALIGN043", RuleBook.RewardUnused.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Warning, true,
        RuleBook.RewardUnused.MessageFormat, RuleBook.RewardUnused.HelpLink);

    public static readonly DiagnosticDescriptor PpoNeedsPolicy = new("ALIGN044", RuleBook.PpoNeedsPolicy.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.PpoNeedsPolicy.MessageFormat, RuleBook.PpoNeedsPolicy.HelpLink);

    public static readonly DiagnosticDescriptor NotFinite = new("ALIGN045", RuleBook.NotFinite.Title, Message, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        RuleBook.NotFinite.MessageFormat, RuleBook.NotFinite.HelpLink);

    public static readonly DiagnosticDescriptor BudgetNotPositive = new("ALIGN046", RuleBook.BudgetNotPositive.Title, Message, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        RuleBook.BudgetNotPositive.MessageFormat, RuleBook.BudgetNotPositive.HelpLink);

    public static readonly DiagnosticDescriptor EnumValueUndefined = new("ALIGN047", RuleBook.EnumValueUndefined.Title, Message, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        RuleBook.EnumValueUndefined.MessageFormat, RuleBook.EnumValueUndefined.HelpLink);

    public static readonly DiagnosticDescriptor ClassShapeUnsupported = new("ALIGN048", RuleBook.ClassShapeUnsupported.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.ClassShapeUnsupported.MessageFormat, RuleBook.ClassShapeUnsupported.HelpLink);

    public static readonly DiagnosticDescriptor MemberCollidesWithGenerated = new("ALIGN049", RuleBook.MemberCollidesWithGenerated.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.MemberCollidesWithGenerated.MessageFormat, RuleBook.MemberCollidesWithGenerated.HelpLink);

    public static readonly DiagnosticDescriptor NameNotFolderSafe = new("ALIGN050", RuleBook.NameNotFolderSafe.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.NameNotFolderSafe.MessageFormat, RuleBook.NameNotFolderSafe.HelpLink);

    public static readonly DiagnosticDescriptor NamesDifferOnlyByCase = new("ALIGN051", RuleBook.NamesDifferOnlyByCase.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.NamesDifferOnlyByCase.MessageFormat, RuleBook.NamesDifferOnlyByCase.HelpLink);

    public static readonly DiagnosticDescriptor JsonlPathInvalid = new("ALIGN052", RuleBook.JsonlPathInvalid.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.JsonlPathInvalid.MessageFormat, RuleBook.JsonlPathInvalid.HelpLink);

    public static readonly DiagnosticDescriptor HeldOutIsTrainingFile = new("ALIGN053", RuleBook.HeldOutIsTrainingFile.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.HeldOutIsTrainingFile.MessageFormat, RuleBook.HeldOutIsTrainingFile.HelpLink);

    public static readonly DiagnosticDescriptor JsonlFileNotInProject = new("ALIGN054", RuleBook.JsonlFileNotInProject.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.JsonlFileNotInProject.MessageFormat, RuleBook.JsonlFileNotInProject.HelpLink);

    public static readonly DiagnosticDescriptor WarmupNotBelowSteps = new("ALIGN055", RuleBook.WarmupNotBelowSteps.Title, Message, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        RuleBook.WarmupNotBelowSteps.MessageFormat, RuleBook.WarmupNotBelowSteps.HelpLink);

    public static readonly DiagnosticDescriptor AnswerLongerThanSequence = new("ALIGN056", RuleBook.AnswerLongerThanSequence.Title, Message, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        RuleBook.AnswerLongerThanSequence.MessageFormat, RuleBook.AnswerLongerThanSequence.HelpLink);

    public static readonly DiagnosticDescriptor RewardVocabularyMismatch = new("ALIGN057", RuleBook.RewardVocabularyMismatch.Title, Message, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        RuleBook.RewardVocabularyMismatch.MessageFormat, RuleBook.RewardVocabularyMismatch.HelpLink);

    public static readonly DiagnosticDescriptor RewardFromCycle = new("ALIGN058", RuleBook.RewardFromCycle.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.RewardFromCycle.MessageFormat, RuleBook.RewardFromCycle.HelpLink);

    public static readonly DiagnosticDescriptor ConfigureNotStatic = new("ALIGN059", RuleBook.ConfigureNotStatic.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.ConfigureNotStatic.MessageFormat, RuleBook.ConfigureNotStatic.HelpLink);

    public static readonly DiagnosticDescriptor ProbesNameNoFile = new("ALIGN060", RuleBook.ProbesNameNoFile.Title, Message, "AlignDsl.Evaluation", DiagnosticSeverity.Error, true,
        RuleBook.ProbesNameNoFile.MessageFormat, RuleBook.ProbesNameNoFile.HelpLink);

    public static readonly DiagnosticDescriptor ProbesUnused = new("ALIGN061", RuleBook.ProbesUnused.Title, Message, "AlignDsl.Evaluation", DiagnosticSeverity.Warning, true,
        RuleBook.ProbesUnused.MessageFormat, RuleBook.ProbesUnused.HelpLink);

    public static readonly DiagnosticDescriptor ProbesMeasureDifferentPrompts = new("ALIGN062", RuleBook.ProbesMeasureDifferentPrompts.Title, Message, "AlignDsl.Evaluation", DiagnosticSeverity.Warning, true,
        RuleBook.ProbesMeasureDifferentPrompts.MessageFormat, RuleBook.ProbesMeasureDifferentPrompts.HelpLink);

    public static readonly DiagnosticDescriptor ProbeFilesAreTheSame = new("ALIGN063", RuleBook.ProbeFilesAreTheSame.Title, Message, "AlignDsl.Evaluation", DiagnosticSeverity.Error, true,
        RuleBook.ProbeFilesAreTheSame.MessageFormat, RuleBook.ProbeFilesAreTheSame.HelpLink);

    public static readonly DiagnosticDescriptor ExportNeedsRewardModel = new("ALIGN064", RuleBook.ExportNeedsRewardModel.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Error, true,
        RuleBook.ExportNeedsRewardModel.MessageFormat, RuleBook.ExportNeedsRewardModel.HelpLink);

    public static readonly DiagnosticDescriptor ExportApproximates = new("ALIGN065", RuleBook.ExportApproximates.Title, Message, "AlignDsl.Structure", DiagnosticSeverity.Warning, true,
        RuleBook.ExportApproximates.MessageFormat, RuleBook.ExportApproximates.HelpLink);
    public static readonly DiagnosticDescriptor PretrainedConfigUnsupported = new("ALIGN066", RuleBook.PretrainedConfigUnsupported.Title, Message, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        RuleBook.PretrainedConfigUnsupported.MessageFormat, RuleBook.PretrainedConfigUnsupported.HelpLink);

    public static readonly DiagnosticDescriptor LoraTargetNotInArchitecture = new("ALIGN067", RuleBook.LoraTargetNotInArchitecture.Title, Message, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        RuleBook.LoraTargetNotInArchitecture.MessageFormat, RuleBook.LoraTargetNotInArchitecture.HelpLink);

    public static readonly DiagnosticDescriptor PretrainedConfigNotGiven = new("ALIGN068", RuleBook.PretrainedConfigNotGiven.Title, Message, "AlignDsl.Model", DiagnosticSeverity.Info, true,
        RuleBook.PretrainedConfigNotGiven.MessageFormat, RuleBook.PretrainedConfigNotGiven.HelpLink);
    public static readonly DiagnosticDescriptor GuardsWithoutRollouts = new("ALIGN069", RuleBook.GuardsWithoutRollouts.Title, Message, "AlignDsl.Ranges", DiagnosticSeverity.Warning, true,
        RuleBook.GuardsWithoutRollouts.MessageFormat, RuleBook.GuardsWithoutRollouts.HelpLink);

    public static readonly DiagnosticDescriptor GuardBoundOutOfRange = new("ALIGN070", RuleBook.GuardBoundOutOfRange.Title, Message, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        RuleBook.GuardBoundOutOfRange.MessageFormat, RuleBook.GuardBoundOutOfRange.HelpLink);

    public static readonly DiagnosticDescriptor GuardWindowLongerThanRun = new("ALIGN071", RuleBook.GuardWindowLongerThanRun.Title, Message, "AlignDsl.Ranges", DiagnosticSeverity.Warning, true,
        RuleBook.GuardWindowLongerThanRun.MessageFormat, RuleBook.GuardWindowLongerThanRun.HelpLink);

    public static readonly DiagnosticDescriptor GuardJudgeCheckCannotRun = new("ALIGN072", RuleBook.GuardJudgeCheckCannotRun.Title, Message, "AlignDsl.Evaluation", DiagnosticSeverity.Warning, true,
        RuleBook.GuardJudgeCheckCannotRun.MessageFormat, RuleBook.GuardJudgeCheckCannotRun.HelpLink);
    public static readonly DiagnosticDescriptor PretrainedWithInitFrom = new("ALIGN073", RuleBook.PretrainedWithInitFrom.Title, Message, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        RuleBook.PretrainedWithInitFrom.MessageFormat, RuleBook.PretrainedWithInitFrom.HelpLink);

    public static readonly DiagnosticDescriptor PretrainedWithSize = new("ALIGN074", RuleBook.PretrainedWithSize.Title, Message, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        RuleBook.PretrainedWithSize.MessageFormat, RuleBook.PretrainedWithSize.HelpLink);

    public static readonly DiagnosticDescriptor PretrainedPathInvalid = new("ALIGN075", RuleBook.PretrainedPathInvalid.Title, Message, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        RuleBook.PretrainedPathInvalid.MessageFormat, RuleBook.PretrainedPathInvalid.HelpLink);

    public static readonly DiagnosticDescriptor ChatTemplateInvalid = new("ALIGN076", RuleBook.ChatTemplateInvalid.Title, Message, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        RuleBook.ChatTemplateInvalid.MessageFormat, RuleBook.ChatTemplateInvalid.HelpLink);

    public static readonly DiagnosticDescriptor LoraSettingOutOfRange = new("ALIGN077", RuleBook.LoraSettingOutOfRange.Title, Message, "AlignDsl.Ranges", DiagnosticSeverity.Error, true,
        RuleBook.LoraSettingOutOfRange.MessageFormat, RuleBook.LoraSettingOutOfRange.HelpLink);

    public static readonly DiagnosticDescriptor LoraTargetsInvalid = new("ALIGN078", RuleBook.LoraTargetsInvalid.Title, Message, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        RuleBook.LoraTargetsInvalid.MessageFormat, RuleBook.LoraTargetsInvalid.HelpLink);

    public static readonly DiagnosticDescriptor LoraTargetNotInModel = new("ALIGN079", RuleBook.LoraTargetNotInModel.Title, Message, "AlignDsl.Model", DiagnosticSeverity.Error, true,
        RuleBook.LoraTargetNotInModel.MessageFormat, RuleBook.LoraTargetNotInModel.HelpLink);


    public static ImmutableArray<DiagnosticDescriptor> All { get; } = [ClassNotPartial, NoObjective, MoreThanOneObjective, BetaNotPositive, InitFromNotExperiment, LearningRateNotPositive, CountNotPositive, LabelSmoothingOutOfRange, NotAnEvalSuite, ModelShapeInvalid, SequenceTooLong, BetaOutsideTypicalRange, RedTeamWithoutOverRefusal, InitFromCycle, NestedExperiment, DuplicateExperimentName, NoData, MoreThanOneDataSource, WeightNotPositive, SuiteNeedsPolicy,
        InitFromNotPolicy, NegativeSetting, ReferenceForReferenceFreeObjective, OverMemoryBudget, DataShapeMismatch, KtoSplitsPairs,
        BuilderArgumentNotConstant, BuilderCallNotUnderstood, SettingDeclaredTwice,
        ConstitutionWithoutPrinciples, DuplicatePrincipleId, EmptyPrinciple, PrinciplesUnused, ConstitutionNeedsPolicy, SuiteNeedsBaseline, RewardModelWithoutBiasCheck, BiasSuiteNeedsLiveReference, SuiteDeclaredTwice,
        SimPoMarginOutsideRange, PrincipleJudgeCannotLabel, PpoRewardMissing, NotARewardSource, RewardUnused, PpoNeedsPolicy,
        NotFinite, BudgetNotPositive, EnumValueUndefined, ClassShapeUnsupported, MemberCollidesWithGenerated, NameNotFolderSafe, NamesDifferOnlyByCase, JsonlPathInvalid, HeldOutIsTrainingFile, JsonlFileNotInProject, WarmupNotBelowSteps, AnswerLongerThanSequence, RewardVocabularyMismatch, RewardFromCycle, ConfigureNotStatic,
        ProbesNameNoFile, ProbesUnused, ProbesMeasureDifferentPrompts, ProbeFilesAreTheSame, ExportNeedsRewardModel, ExportApproximates,
        PretrainedConfigUnsupported, LoraTargetNotInArchitecture, PretrainedConfigNotGiven,
        GuardsWithoutRollouts, GuardBoundOutOfRange, GuardWindowLongerThanRun, GuardJudgeCheckCannotRun,
        PretrainedWithInitFrom, PretrainedWithSize, PretrainedPathInvalid, ChatTemplateInvalid, LoraSettingOutOfRange, LoraTargetsInvalid, LoraTargetNotInModel];

    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = All.ToImmutableDictionary(d => d.Id);

    public static DiagnosticDescriptor For(string ruleId) => ById[ruleId];
}
