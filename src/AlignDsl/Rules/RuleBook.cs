namespace AlignDsl.Rules;

/// <summary>
/// Every rule of the rulebook. This file and <see cref="SettingRules"/> are compiled into both the runtime
/// and the generator (netstandard2.0), so compile-time diagnostics and run-time errors say the same thing.
/// Ids are stable: add new rules at the end, never reuse an id.
/// </summary>
public static class RuleBook
{
    private const string Structure = "AlignDsl.Structure", Ranges = "AlignDsl.Ranges", Model = "AlignDsl.Model", Evaluation = "AlignDsl.Evaluation",
        Constitution = "AlignDsl.Constitution";

    public static Rule ClassNotPartial { get; } = new("ALIGN001", "Experiment class must be partial",
        "Experiment class '{0}' must be declared 'partial' so the generated training loop can be added to it", RuleSeverity.Error, Structure);

    public static Rule NoObjective { get; } = new("ALIGN002", "Experiment declares no objective",
        "Experiment '{0}' declares no objective: add one objective attribute such as [Sft] or [Dpo(Beta = 0.1)]", RuleSeverity.Error, Structure);

    public static Rule MoreThanOneObjective { get; } = new("ALIGN003", "Experiment declares more than one objective",
        "Experiment '{0}' declares {1} objectives ({2}): keep exactly one, and split the rest into experiments chained with [Policy(InitFrom = ...)]", RuleSeverity.Error, Structure);

    public static Rule BetaNotPositive { get; } = new("ALIGN004", "Beta must be positive",
        "{0} must be greater than 0 (got {1}): β sets how closely the policy is held to its reference (DPO, IPO, KTO) or scales the length-normalised reward (SimPO)", RuleSeverity.Error, Ranges);

    public static Rule InitFromNotExperiment { get; } = new("ALIGN005", "InitFrom must name an experiment",
        "InitFrom names '{0}', which is not an experiment: point it at a class marked [Experiment] whose run produces a policy", RuleSeverity.Error, Structure);

    public static Rule LearningRateNotPositive { get; } = new("ALIGN006", "Learning rate must be positive",
        "LearningRate must be greater than 0 (got {0}): the QuickStart uses 2e-3 for SFT and 3e-5 for DPO on the tiny preset", RuleSeverity.Error, Ranges);

    public static Rule CountNotPositive { get; } = new("ALIGN007", "Counts must reach their minimum",
        "{0} must be at least {1} (got {2})", RuleSeverity.Error, Ranges);

    public static Rule LabelSmoothingOutOfRange { get; } = new("ALIGN008", "Label smoothing must lie in [0, 0.5)",
        "LabelSmoothing is the assumed probability that a preference label is flipped and must lie in [0, 0.5) (got {0})", RuleSeverity.Error, Ranges);

    public static Rule NotAnEvalSuite { get; } = new("ALIGN009", "Eval suite type must implement IEvalSuite",
        "'{0}' is not an evaluation suite: pass a type that implements AlignDsl.Evaluation.IEvalSuite and has a public parameterless constructor", RuleSeverity.Error, Evaluation);

    public static Rule ModelShapeInvalid { get; } = new("ALIGN010", "Model width must divide into heads",
        "ModelDim ({0}) must be a multiple of Heads ({1}) so each attention head gets ModelDim / Heads dimensions", RuleSeverity.Error, Model);

    public static Rule SequenceTooLong { get; } = new("ALIGN011", "MaxLength must fit the model's context",
        "MaxLength ({0}) exceeds the policy's context window ({1}): raise [Policy(Context = ...)] or lower MaxLength", RuleSeverity.Error, Model);

    public static Rule BetaOutsideTypicalRange { get; } = new("ALIGN012", "Beta outside its typical range",
        "{0} = {1} is outside the typical range {2} to {3} for {4}: a smaller β lets the policy drift far from the reference, a larger one barely moves it", RuleSeverity.Warning, Ranges);

    public static Rule RedTeamWithoutOverRefusal { get; } = new("ALIGN013", "Red teaming without over-refusal measurement",
        "Experiment '{0}' evaluates RedTeam without OverRefusal: a model that refuses everything has an attack success rate of 0 but is useless; add [EvalSuite(typeof(OverRefusal))]", RuleSeverity.Warning, Evaluation);

    public static Rule InitFromCycle { get; } = new("ALIGN014", "InitFrom chain forms a cycle",
        "Experiment '{0}' starts from itself through InitFrom ({1}): break the cycle so one experiment trains from a fresh policy", RuleSeverity.Error, Structure);

    public static Rule NestedExperiment { get; } = new("ALIGN015", "Experiment class must be top-level",
        "Experiment class '{0}' is nested inside another type: declare it directly in a namespace", RuleSeverity.Error, Structure);

    public static Rule DuplicateExperimentName { get; } = new("ALIGN016", "Experiment names must be unique",
        "Experiment name '{0}' is also used by '{1}': give each experiment its own name, it names the run folder and the `run` command", RuleSeverity.Error, Structure);

    public static Rule NoData { get; } = new("ALIGN017", "Experiment declares no data",
        "Experiment '{0}' declares no training data: add [GymData(GymTask.HelpfulHarmless)] or [JsonlData(\"path.jsonl\")]", RuleSeverity.Error, Structure);

    public static Rule MoreThanOneDataSource { get; } = new("ALIGN018", "Experiment declares more than one data source",
        "Experiment '{0}' declares more than one data source ([GymData], [JsonlData], [FromConstitution]): keep one", RuleSeverity.Error, Structure);

    public static Rule WeightNotPositive { get; } = new("ALIGN019", "Loss weights must be positive",
        "{0} must be greater than 0 (got {1})", RuleSeverity.Error, Ranges);

    public static Rule SuiteNeedsPolicy { get; } = new("ALIGN020", "Suite needs a policy",
        "'{0}' samples answers from a policy, but experiment '{1}' trains a reward model: evaluate it with PreferenceAccuracy, or evaluate a policy trained against it", RuleSeverity.Error, Evaluation);

    public static Rule InitFromNotPolicy { get; } = new("ALIGN021", "InitFrom must produce a policy",
        "InitFrom names '{0}', which trains a reward model, not a policy: start '{1}' from an experiment that trains a policy (SFT or a preference objective)", RuleSeverity.Error, Structure);

    public static Rule NegativeSetting { get; } = new("ALIGN022", "Setting must not be negative",
        "{0} must not be negative (got {1}): 0 turns it off", RuleSeverity.Error, Ranges);

    public static Rule ReferenceForReferenceFreeObjective { get; } = new("ALIGN023", "Reference model declared for a reference-free objective",
        "Experiment '{0}' declares [Reference], but {1} does not use a reference model: remove it, it would only hold memory", RuleSeverity.Warning, Model);

    public static Rule OverMemoryBudget { get; } = new("ALIGN024", "Estimated training memory exceeds the budget",
        "Experiment '{0}' needs an estimated {1} to train ({2}), over its budget of {3} GiB: {4}", RuleSeverity.Error, Model);

    public static Rule DataShapeMismatch { get; } = new("ALIGN025", "Data shape does not fit the objective",
        "Experiment '{0}' trains {1}, which reads {2}, but its JSONL data is declared as {3}: point it at a file of the right shape, or choose an objective for this data", RuleSeverity.Error, Structure);

    public static Rule KtoSplitsPairs { get; } = new("ALIGN026", "KTO splits pairs into unpaired feedback",
        "Experiment '{0}' trains KTO on preference pairs: each pair becomes a desirable (chosen) and an undesirable (rejected) completion", RuleSeverity.Info, Structure);

    public static Rule BuilderArgumentNotConstant { get; } = new("ALIGN027", "Builder argument must be a compile-time constant",
        "The argument of '{0}' must be a compile-time constant (a literal, a const or an enum member) so the generator can read it", RuleSeverity.Error, Structure);

    public static Rule BuilderCallNotUnderstood { get; } = new("ALIGN028", "Builder call not understood",
        "Configure must be one chain of builder calls such as x.Objective(o => o.Dpo(beta: 0.1)).Data(d => d.Gym(GymTask.HelpfulHarmless)): {0}", RuleSeverity.Error, Structure);

    public static Rule SettingDeclaredTwice { get; } = new("ALIGN029", "Setting declared both by attribute and builder",
        "Experiment '{0}' declares its {1} both with {2} and with the builder's {3}: keep one", RuleSeverity.Error, Structure);

    public static Rule ConstitutionWithoutPrinciples { get; } = new("ALIGN030", "Constitutional feedback needs principles",
        "Experiment '{0}' draws its data from its constitution but declares no principles: add [Principle(\"harmless\", \"Refuse requests that would help cause harm.\")] or .Constitution(c => c.Principle(...))", RuleSeverity.Error, Constitution);

    public static Rule DuplicatePrincipleId { get; } = new("ALIGN031", "Principle ids must be unique",
        "Principle id '{0}' is declared more than once in experiment '{1}': give each principle its own id, labelled pairs are tagged with it", RuleSeverity.Error, Constitution);

    public static Rule EmptyPrinciple { get; } = new("ALIGN032", "Principle id and text must not be empty",
        "A principle of experiment '{0}' has an empty {1}: the judge applies the text and labelled pairs are tagged with the id, so write both", RuleSeverity.Error, Constitution);

    public static Rule PrinciplesUnused { get; } = new("ALIGN033", "Principles declared but not used",
        "Experiment '{0}' declares principles but nothing uses them: draw its data with [FromConstitution(GymTask.HelpfulHarmless)], or remove them", RuleSeverity.Warning, Constitution);

    public static Rule ConstitutionNeedsPolicy { get; } = new("ALIGN034", "Constitutional feedback needs a trained policy",
        "Experiment '{0}' labels data with its constitution, which samples answers from a trained policy: start it from another experiment with [Policy(InitFrom = typeof(...))]", RuleSeverity.Error, Constitution);

    public static Rule SuiteNeedsBaseline { get; } = new("ALIGN035", "Suite needs a reference or starting policy",
        "'{0}' compares the policy with its reference or its starting point, but experiment '{1}' trains a fresh policy without a reference: start it from another experiment with [Policy(InitFrom = typeof(...))]", RuleSeverity.Error, Evaluation);

    public static Rule RewardModelWithoutBiasCheck { get; } = new("ALIGN036", "Reward model not checked for biases",
        "Reward model '{0}' is not checked for biases: a policy optimised against it exploits length bias, sycophancy and miscalibration; add [EvalSuite(typeof(RewardModelBias))]", RuleSeverity.Warning, Evaluation);

    public static Rule BiasSuiteNeedsLiveReference { get; } = new("ALIGN037", "RewardModelBias needs the reference model",
        "RewardModelBias scores new answers with the implicit reward β·log π/π_ref, but experiment '{0}' precomputes the reference's log-probs for its data only: remove PrecomputeReferenceLogProbs, or the suite", RuleSeverity.Error, Evaluation);

    public static Rule SuiteDeclaredTwice { get; } = new("ALIGN038", "Suite declared twice",
        "'{0}' is declared more than once in experiment '{1}': each suite runs once per evaluation, remove the repeat", RuleSeverity.Warning, Evaluation);

    public static Rule SimPoMarginOutsideRange { get; } = new("ALIGN039", "SimPO γ/β outside its tuned range",
        "SimPO's Gamma = {0} with Beta = {1} sets γ/β = {2:0.###}, above the range 0 to 1 its authors tune it in (0.5 to start): a margin that large asks for more than the length-normalised reward can give", RuleSeverity.Warning, Ranges);

    public static Rule PrincipleJudgeCannotLabel { get; } = new("ALIGN040", "The principle judge cannot label this data",
        "Experiment '{0}' asks the principle judge to label its constitutional data, but {1}", RuleSeverity.Error, Constitution);

    public static Rule PpoRewardMissing { get; } = new("ALIGN041", "An online objective needs at least one reward",
        "Experiment '{0}' trains {1}, an online objective that scores every answer it samples, but {2}", RuleSeverity.Error, Structure);

    public static Rule NotARewardSource { get; } = new("ALIGN042", "Reward source must be a reward model or a reward function",
        "'{0}' is not a reward source: [RewardFrom] names an experiment that trains a reward model ([RewardModel]), [RewardFunction] a type implementing AlignDsl.Rewards.IRewardFunction with a public parameterless constructor", RuleSeverity.Error, Structure);

    public static Rule RewardUnused { get; } = new("ALIGN043", "Reward declared for an objective that does not use one",
        "Experiment '{0}' declares a reward, but {1} trains on its data's labels, not on a reward: remove it, or train with an objective that samples answers ({2})", RuleSeverity.Warning, Structure);

    public static Rule PpoNeedsPolicy { get; } = new("ALIGN044", "An online objective needs a trained policy",
        "Experiment '{0}' trains {1} from a fresh policy, whose samples are noise and whose vocabulary holds only the prompts: start it from a trained policy with [Policy(InitFrom = typeof(...))] or a pretrained model with [Policy(Pretrained = \"models/...\")]", RuleSeverity.Error, Structure);

    public static Rule NotFinite { get; } = new("ALIGN045", "Numbers must be finite",
        "{0} must be a finite number (got {1}): NaN or infinity turns every loss and update it touches into NaN; write an ordinary number", RuleSeverity.Error, Ranges);

    public static Rule BudgetNotPositive { get; } = new("ALIGN046", "Memory budget must be a positive number",
        "GpuMemoryGiB must be a finite number greater than 0 (got {0}): write the accelerator memory in GiB, or remove [Budget] to skip the memory check", RuleSeverity.Error, Model);

    public static Rule EnumValueUndefined { get; } = new("ALIGN047", "Enum setting must name a member",
        "{0} = {1} is not a member of {2}, so no experiment as written could run: write one of {3}", RuleSeverity.Error, Ranges);

    public static Rule ClassShapeUnsupported { get; } = new("ALIGN048", "Experiment class shape the generator cannot extend",
        "Experiment '{0}' is declared {1}, which the generated part cannot extend: {2}", RuleSeverity.Error, Structure);

    public static Rule MemberCollidesWithGenerated { get; } = new("ALIGN049", "Member name taken by the generated code",
        "'{0}' of experiment class '{1}' has the name of a member the generator adds to it ({2}): rename yours", RuleSeverity.Error, Structure);

    public static Rule NameNotFolderSafe { get; } = new("ALIGN050", "Experiment name must be a safe folder name",
        "Experiment name '{0}' cannot name a run folder: {1}; use letters, digits, '-', '_' and '.', such as \"gym-dpo\"", RuleSeverity.Error, Structure);

    public static Rule NamesDifferOnlyByCase { get; } = new("ALIGN051", "Experiment names must differ by more than case",
        "Experiment name '{0}' differs from '{1}' (of '{2}') only by case: Windows and macOS give both one run folder, so rename one", RuleSeverity.Error, Structure);

    public static Rule JsonlPathInvalid { get; } = new("ALIGN052", "JSONL path must be relative and stay inside the working directory",
        "{0} {1}: write a path relative to the directory the run starts in, inside it, such as \"data/pairs.jsonl\"", RuleSeverity.Error, Structure);

    public static Rule HeldOutIsTrainingFile { get; } = new("ALIGN053", "Held-out file must not be the training file",
        "HeldOut names the training file '{0}' itself, so the run would evaluate on the data it trains on: point it at a separate file, or remove HeldOut to hold out the last tenth", RuleSeverity.Error, Structure);

    public static Rule JsonlFileNotInProject { get; } = new("ALIGN054", "JSONL file not among the project's data files",
        "{0} '{1}' is not among the project's {2} JSONL AdditionalFiles: fix the path, or add the file with <AdditionalFiles Include=\"{1}\" />", RuleSeverity.Error, Structure);

    public static Rule WarmupNotBelowSteps { get; } = new("ALIGN055", "Warm-up must end before training does",
        "WarmupSteps ({0}) must be less than Steps ({1}): the learning rate would still be rising when training ends; lower WarmupSteps or raise Steps", RuleSeverity.Error, Ranges);

    public static Rule ProbesNameNoFile { get; } = new("ALIGN060", "[Probes] must name a probe file",
        "[Probes] on '{0}' names no file: set Harmful (red teaming) or Benign (over-refusal) to a JSONL file of prompt and category lines, or remove it to keep the gym's probes", RuleSeverity.Error, Evaluation);

    public static Rule ProbesUnused { get; } = new("ALIGN061", "Probe file no suite reads",
        "{0} probes '{1}' are read by no declared suite: add [EvalSuite(typeof({2}))], or remove {0}", RuleSeverity.Warning, Evaluation);

    public static Rule ProbesMeasureDifferentPrompts { get; } = new("ALIGN062", "Red teaming and over-refusal on different prompt sets",
        "'{0}' measures {1} on your own prompts but {2} on the gym's: the two rates come from different distributions, so a trade-off between them cannot be read; declare {3} too", RuleSeverity.Warning, Evaluation);

    public static Rule ProbeFilesAreTheSame { get; } = new("ALIGN063", "Harmful and benign probes are the same file",
        "Harmful and Benign both name '{0}': the same prompts cannot be both requests to refuse and requests to answer; point them at separate files", RuleSeverity.Error, Evaluation);

    public static Rule ExportNeedsRewardModel { get; } = new("ALIGN064", "An online objective rewarded by a C# function cannot be exported",
        "'{0}' is marked [Export(To = Engine.Trl)], but its {2} is rewarded by '{1}', a C# reward TRL's {3} cannot call: reward it with a reward model alone ([RewardFrom(typeof(...))]), or remove [Export]", RuleSeverity.Error, Structure);

    public static Rule ExportApproximates { get; } = new("ALIGN065", "Setting exported approximately",
        "'{0}' is marked [Export(To = Engine.Trl)], and {1} has no exact TRL counterpart: {2}", RuleSeverity.Warning, Structure);

    public static Rule AnswerLongerThanSequence { get; } = new("ALIGN056", "PPO answers must fit the sequence",
        "MaxNewTokens ({0}) must be less than MaxLength ({1}): a rollout holds prompt and answer in MaxLength tokens, so longer answers would be cut silently; lower MaxNewTokens or raise MaxLength (and the context)", RuleSeverity.Error, Model);

    public static Rule RewardVocabularyMismatch { get; } = new("ALIGN057", "Reward model and policy vocabularies cannot match",
        "Experiment '{0}' scores its answers with the reward model of '{1}', whose vocabulary comes from '{2}' ({3}) while the policy's comes from '{4}' ({5}): the token ids would not match; start the reward model from the same experiment as the policy", RuleSeverity.Error, Model);

    public static Rule RewardFromCycle { get; } = new("ALIGN058", "Reward model depends on the experiment it rewards",
        "Experiment '{0}' needs the reward model of '{1}', which itself needs '{0}' to have run ({2}): break the cycle, a reward model must train before the policy it scores", RuleSeverity.Error, Structure);

    public static Rule ConfigureNotStatic { get; } = new("ALIGN059", "Configure must be static",
        "Configure of experiment '{0}' must be static: the fluent declaration is 'static void Configure(ExperimentBuilder x) => x…', read without an instance", RuleSeverity.Error, Structure);

    public static Rule PretrainedConfigUnsupported { get; } = new("ALIGN066", "Pretrained model's config.json is not supported",
        "The config.json of Pretrained folder '{0}' cannot be built here: {1}. Use a Llama, Mistral, Qwen2 or GPT-2 checkpoint with plain settings, or fix the field", RuleSeverity.Error, Model);

    public static Rule LoraTargetNotInArchitecture { get; } = new("ALIGN067", "LoRA target the architecture does not have",
        "LoRA target(s) {0} name no projection of {1} (from '{2}'): use its projections, {3}", RuleSeverity.Error, Model);

    public static Rule PretrainedConfigNotGiven { get; } = new("ALIGN068", "Pretrained model's size is unknown at compile time",
        "Pretrained folder '{0}' has no config.json among the project's AdditionalFiles, so the memory estimate and its budget check assume the tiny GPT; add <AdditionalFiles Include=\"{1}\" /> to the project to estimate the real model", RuleSeverity.Info, Model);
    public static Rule GuardsWithoutRollouts { get; } = new("ALIGN069", "Guards declared on an objective without rollouts",
        "Experiment '{0}' declares [Guards], but {1} samples no rollouts for them to watch: the failure-mode guards watch the rollouts of objectives that sample answers ({2}); remove [Guards]", RuleSeverity.Warning, Ranges);

    public static Rule GuardBoundOutOfRange { get; } = new("ALIGN070", "Guard bound out of range",
        "{0} must be {1} (got {2}): {3}", RuleSeverity.Error, Ranges);

    public static Rule GuardWindowLongerThanRun { get; } = new("ALIGN071", "Guard window longer than the run",
        "Window ({0}) spans more metric reads than the run makes ({1}: Steps {2} read every LogEvery {3} steps), so the KL-growth and rising-reward checks could never fire: lower Window or LogEvery", RuleSeverity.Warning, Ranges);

    public static Rule GuardJudgeCheckCannotRun { get; } = new("ALIGN072", "Guards cannot compare the reward with the judge",
        "Experiment '{0}' declares [Guards], but the reward-hacking check against the judge needs evaluations during training that measure win rate or preference accuracy ({1}): add [EvalSuite(typeof(WinRate))] and EvalEvery, or set MaxJudgeDrop = 1 to say you do not want it", RuleSeverity.Warning, Evaluation);
    public static Rule PretrainedWithInitFrom { get; } = new("ALIGN073", "Pretrained and InitFrom exclude each other",
        "Experiment '{0}' declares both Pretrained and InitFrom: a policy starts from one place; keep Pretrained on the first experiment of the chain and InitFrom (which inherits its model, tokenizer and chat template) on the ones after it", RuleSeverity.Error, Model);

    public static Rule PretrainedWithSize { get; } = new("ALIGN074", "A pretrained model's size comes from its config.json",
        "Experiment '{0}' sets {1} together with Pretrained: the model folder's config.json decides the architecture and size; remove {1}", RuleSeverity.Error, Model);

    public static Rule PretrainedPathInvalid { get; } = new("ALIGN075", "Pretrained path must be relative and stay inside the working directory",
        "Pretrained {0}: write the model folder's path relative to the directory the run starts in, inside it, such as \"models/my-model\"", RuleSeverity.Error, Model);

    public static Rule ChatTemplateInvalid { get; } = new("ALIGN076", "Chat template cannot be used",
        "ChatTemplate {0}: declare a built-in template such as ChatTemplates.ChatMl, or remove ChatTemplate to use the model folder's own", RuleSeverity.Error, Model);

    public static Rule LoraSettingOutOfRange { get; } = new("ALIGN077", "LoRA settings out of range",
        "Lora {0} must be {1} (got {2})", RuleSeverity.Error, Ranges);

    public static Rule LoraTargetsInvalid { get; } = new("ALIGN078", "LoRA targets must list module names",
        "Lora Targets {0}: list the projections to adapt by module name, separated by commas, such as \"q_proj,v_proj\" (or \"c_attn,c_proj\" for the tiny GPT)", RuleSeverity.Error, Model);

    public static Rule LoraTargetNotInModel { get; } = new("ALIGN079", "LoRA target the tiny GPT does not have",
        "Lora target '{0}' is no projection of the tiny GPT, which has {1}: target those, or declare a Pretrained model that has '{0}'", RuleSeverity.Error, Model);

    public static Rule GroupTooSmall { get; } = new("ALIGN080", "A group needs at least two generations",
        "{0} must be at least 2 (got {1}): {2} measures each sampled answer against the other answers to its prompt, and a group of one has none; sample 2 or more", RuleSeverity.Error, Ranges);

    public static Rule GuardsNotWatching { get; } = new("ALIGN081", "Guards do not watch this objective",
        "Experiment '{0}' declares [Guards], but the failure-mode guards watch PPO runs only: {1}'s loop would never call them; remove [Guards]", RuleSeverity.Warning, Ranges);

    public static Rule RewardMethodNotStatic { get; } = new("ALIGN082", "Reward method must be static",
        "[Reward] method '{0}' must be static: the generated training loop calls it without an instance of the experiment class; declare it 'static double {0}(string prompt, string completion)'", RuleSeverity.Error, Structure);

    public static Rule RewardMethodSignature { get; } = new("ALIGN083", "Reward method must take a prompt and a completion and return a number",
        "[Reward] method '{0}' {1}: declare it 'static double {0}(string prompt, string completion)'", RuleSeverity.Error, Structure);

    public static Rule RewardMethodInaccessible { get; } = new("ALIGN084", "Reward method is not accessible to the experiment class",
        "[Reward] method '{0}' is private to '{1}', so the generated part of '{2}' cannot call it: make it protected or internal, or declare it in '{2}'", RuleSeverity.Error, Structure);

    public static Rule RewardWeightNotPositive { get; } = new("ALIGN085", "Reward weight must be positive",
        "The Weight of reward '{0}' must be greater than 0 (got {1}): it is what the reward's score counts for in the sum of the rewards; remove a reward to leave it out, and return the negated score to penalise", RuleSeverity.Error, Ranges);

    public static Rule RewardDeclaredTwice { get; } = new("ALIGN086", "Reward declared twice",
        "Experiment '{0}' declares the reward '{1}' twice: {2}", RuleSeverity.Error, Structure);
    public static Rule MiniBatchesDoNotDivideRollout { get; } = new("ALIGN087", "PPO mini-batches must divide the rollout",
        "MiniBatches ({0}) does not divide the rollout's {1} rows (BatchSize {2} × RolloutsPerPrompt {3}): each PPO epoch splits the rollout into equal mini-batches; choose a MiniBatches that divides {1}, such as {4}", RuleSeverity.Error, Ranges);

    public static Rule KlHorizonWithoutTarget { get; } = new("ALIGN088", "KlHorizon has no effect without TargetKl",
        "KlHorizon is set but TargetKl is 0, so the KL coefficient stays fixed at KlCoefficient: set TargetKl to the KL per answer the controller should steer toward, or remove KlHorizon", RuleSeverity.Warning, Ranges);
    public static Rule SweepSettingUnknown { get; } = new("ALIGN089", "Sweep setting is not a number the experiment has",
        "Sweep setting '{0}' is not a numeric setting of {1}: sweep one of {2}", RuleSeverity.Error, Structure);

    public static Rule SweepWithoutValues { get; } = new("ALIGN090", "Sweep lists no values",
        "The sweep of {0} on '{1}' lists no values: give one value per experiment, e.g. [Sweep(nameof({0}), 0.05, 0.1, 0.5)]", RuleSeverity.Error, Structure);

    public static Rule SweepValueRepeated { get; } = new("ALIGN091", "Sweep value listed twice",
        "{0} = {1} is listed twice in the sweep of '{2}': each value makes one experiment, remove the repeat", RuleSeverity.Error, Structure);

    public static Rule SweepNameCollides { get; } = new("ALIGN092", "Sweep member's name is taken",
        "The sweep of '{0}' makes an experiment named '{1}' ({2} = {3}), a name '{4}' already has: rename the sweep's experiment or the other one", RuleSeverity.Error, Structure);

    public static Rule SweepNotAnExperiment { get; } = new("ALIGN093", "A sweep cannot be started from",
        "{0} names '{1}', a sweep of {2} experiments rather than one experiment: declare the experiment to start from (or be rewarded by) without [Sweep]", RuleSeverity.Error, Structure);

    /// <summary>The rule with <paramref name="id"/>.</summary>
    public static Rule ById(string id) => All.First(r => r.Id == id);

    /// <summary>All rules, in id order, for documentation and the generator's supported diagnostics.</summary>
    public static IReadOnlyList<Rule> All { get; } =
    [
        ClassNotPartial, NoObjective, MoreThanOneObjective, BetaNotPositive, InitFromNotExperiment, LearningRateNotPositive,
        CountNotPositive, LabelSmoothingOutOfRange, NotAnEvalSuite, ModelShapeInvalid, SequenceTooLong, BetaOutsideTypicalRange,
        RedTeamWithoutOverRefusal, InitFromCycle, NestedExperiment, DuplicateExperimentName, NoData,
        MoreThanOneDataSource, WeightNotPositive, SuiteNeedsPolicy, InitFromNotPolicy,
        NegativeSetting, ReferenceForReferenceFreeObjective,
        OverMemoryBudget, DataShapeMismatch, KtoSplitsPairs,
        BuilderArgumentNotConstant, BuilderCallNotUnderstood, SettingDeclaredTwice,
        ConstitutionWithoutPrinciples, DuplicatePrincipleId, EmptyPrinciple, PrinciplesUnused, ConstitutionNeedsPolicy,
        SuiteNeedsBaseline, RewardModelWithoutBiasCheck, BiasSuiteNeedsLiveReference, SuiteDeclaredTwice,
        SimPoMarginOutsideRange, PrincipleJudgeCannotLabel, PpoRewardMissing, NotARewardSource, RewardUnused,
        PpoNeedsPolicy, NotFinite, BudgetNotPositive, EnumValueUndefined, ClassShapeUnsupported, MemberCollidesWithGenerated,
        NameNotFolderSafe, NamesDifferOnlyByCase, JsonlPathInvalid, HeldOutIsTrainingFile, JsonlFileNotInProject, WarmupNotBelowSteps,
        AnswerLongerThanSequence, RewardVocabularyMismatch, RewardFromCycle, ConfigureNotStatic,
        ProbesNameNoFile, ProbesUnused, ProbesMeasureDifferentPrompts, ProbeFilesAreTheSame, ExportNeedsRewardModel, ExportApproximates,
        PretrainedConfigUnsupported, LoraTargetNotInArchitecture, PretrainedConfigNotGiven,
        GuardsWithoutRollouts, GuardBoundOutOfRange, GuardWindowLongerThanRun, GuardJudgeCheckCannotRun,
        PretrainedWithInitFrom, PretrainedWithSize, PretrainedPathInvalid, ChatTemplateInvalid, LoraSettingOutOfRange, LoraTargetsInvalid,
        LoraTargetNotInModel, GroupTooSmall, GuardsNotWatching,
        RewardMethodNotStatic, RewardMethodSignature, RewardMethodInaccessible, RewardWeightNotPositive, RewardDeclaredTwice,
        MiniBatchesDoNotDivideRollout, KlHorizonWithoutTarget,
        SweepSettingUnknown, SweepWithoutValues, SweepValueRepeated, SweepNameCollides, SweepNotAnExperiment,
    ];
}
