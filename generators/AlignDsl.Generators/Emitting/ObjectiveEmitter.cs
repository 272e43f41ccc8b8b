using AlignDsl.Catalogue;
using AlignDsl.Generators.Model;
using static AlignDsl.Generators.Emitting.CodeWriter;

namespace AlignDsl.Generators.Emitting;

/// <summary>
/// The parts of a generated file that depend on the objective: its constants, resident models, set-up (data and
/// models) and the training step. One subclass per objective; shared pieces live here.
/// </summary>
internal abstract class ObjectiveEmitter(ExperimentModel experiment)
{
    protected const string Data = "global::AlignDsl.Data";
    protected const string Models = "global::AlignDsl.Models";
    protected const string Objectives = "global::AlignDsl.Objectives";
    protected const string Evaluation = "global::AlignDsl.Evaluation";

    protected ExperimentModel Experiment { get; } = experiment;
    protected ObjectiveModel Objective => Experiment.Objective!;

    public static ObjectiveEmitter For(ExperimentModel experiment) => experiment.Objective!.Kind switch
    {
        ObjectiveKind.RewardModel => new RewardModelEmitter(experiment),
        ObjectiveKind.Dpo => new DpoEmitter(experiment),
        ObjectiveKind.Ipo => new IpoEmitter(experiment),
        ObjectiveKind.SimPo => new SimPoEmitter(experiment),
        ObjectiveKind.Orpo => new OrpoEmitter(experiment),
        ObjectiveKind.Kto => new KtoEmitter(experiment),
        ObjectiveKind.Ppo => new PpoEmitter(experiment),
        ObjectiveKind.Grpo => new GrpoEmitter(experiment),
        ObjectiveKind.Rloo => new RlooEmitter(experiment),
        _ => new SftEmitter(experiment),
    };

    /// <summary>The member of <c>AlignDsl.ObjectiveKind</c>.</summary>
    public string Kind => Objective.Kind.ToString();

    /// <summary>The member of <c>AlignDsl.DataShape</c>, from the catalogue.</summary>
    public string DataShape => Objective.Entry.Data.ToString();

    /// <summary>The class summary of the generated file.</summary>
    public abstract string Summary { get; }

    /// <summary>The variable holding the model the run trains and saves.</summary>
    public virtual string TrainedModel => "policy";

    /// <summary>A constant per numeric setting of the catalogue entry that the step uses, in its order, with the declared or default value.</summary>
    public virtual IEnumerable<string> Constants() => Objective.Entry.Settings.Where(s => s.IsConstant && Uses(s)).Select(s => s.Kind == SettingKind.Count
        ? $"private const int {s.Name} = {Literal((int)Objective[s.Name])};"
        : $"private const double {s.Name} = {Literal(Objective[s.Name])};");

    /// <summary>Whether this experiment's step reads <paramref name="setting"/>: every setting, unless another setting turns it off.</summary>
    protected virtual bool Uses(ObjectiveSetting setting) => true;

    /// <summary>The constant holding the objective's β (<c>Beta</c>, PPO's <c>KlCoefficient</c>), which <c>--beta</c> overrides; null when it has none.</summary>
    public string? BetaConstant => Objective.Entry.Beta?.Name;

    /// <summary>The declared β is 0: GRPO and RLOO then drop their KL term, and keep no reference.</summary>
    protected bool BetaIsZero => BetaConstant is { } name && Objective[name] == 0;

    /// <summary>The local holding β as the run uses it (declared, or <c>--beta</c>): the constant's name in camel case.</summary>
    public string BetaVariable => BetaConstant is { } name ? char.ToLowerInvariant(name[0]) + name.Substring(1) : "beta";

    /// <summary>", beta" in a call passing β to the step, "" when the objective has none.</summary>
    protected string BetaArgument => BetaConstant is null ? "" : ", " + BetaVariable;

    /// <summary>
    /// Each model resident during training, as the catalogue lists them, with the frozen baseline win rate and KL need when
    /// there is no live reference: role, trainable, and an expression for its parameter count.
    /// </summary>
    public IEnumerable<(string Role, bool Trainable, string Parameters)> ResidentModels()
    {
        var options = new ResidentOptions(Objective.PrecomputeReference, Experiment.Lora is not null, Experiment.Reward is { IsModel: true }, BetaIsZero);
        return ObjectiveCatalogue.Residents(Objective.Entry, options, Experiment.NeedsBaseline).Select(r => (r.Role, r.Trainable, r.Size switch
        {
            ModelSize.RewardHead => "PolicySize.Parameters + PolicySize.ModelDim",
            ModelSize.ValueHead => "PolicySize.Parameters + PolicySize.ModelDim + 1",
            _ => "PolicySize.Parameters",
        }));
    }

    /// <summary>
    /// An online objective's reference token log-probs of its rollout (local <c>rollout</c>): with LoRA the policy's base,
    /// its adapters switched off; else the frozen copy <c>reference</c>.
    /// </summary>
    protected string RolloutReferenceLogProbs => Experiment.Lora is not null
        ? $"{Models}.BaseModelReference.TokenLogProbs(policy, rollout.Batch)"
        : "reference.TokenLogProbs(rollout.Batch)";

    /// <summary>The arguments naming the models, as passed to <c>TrainStep</c>.</summary>
    public abstract string TrainStepModels { get; }

    /// <summary>Declares <c>train</c> (tokenized training data), the models, and <c>evalContext</c>.</summary>
    public abstract void EmitSetUp(CodeWriter w);

    public abstract void EmitTrainStep(CodeWriter w);

    /// <summary>Declares <c>optimizer</c> (and any other the objective needs) over the trained model.</summary>
    public virtual void EmitOptimizers(CodeWriter w) =>
        w.Line($"using var optimizer = run.AdamW({TrainedModel}, learningRate, WarmupSteps, steps, WeightDecay, MaxGradNorm);");

    /// <summary>The <c>.Add(...)</c> calls registering what a checkpoint must restore: each trained model with its optimiser, each generator.</summary>
    public virtual string TrainingStateParts => $".Add({ExperimentEmitter.Quote(TrainedModel)}, {TrainedModel}, optimizer)";

    /// <summary>Inside the loop: one step on <c>batch</c> in its own dispose scope, then the run's report.</summary>
    public virtual void EmitStepCall(CodeWriter w)
    {
        w.Line("// Everything a step allocates on the device is freed when its scope closes.");
        w.Line("using (global::TorchSharp.torch.NewDisposeScope())");
        w.Line($"    TrainStep({TrainStepModels}, batch.ToDevice(run.Device){BetaArgument}, optimizer, metrics);");
        w.Line("run.Report(step, metrics, batch, LogEvery, optimizer);");
    }

    /// <summary>Inside the loop, after the step's report and evaluation and before its checkpoint: the objective's own checks.</summary>
    public virtual void EmitAfterStep(CodeWriter w) { }

    /// <summary>The gym split, or the JSONL reader call, that yields a training/held-out split.</summary>
    protected string ReadSplit(string gymSplit, string jsonlReader)
    {
        var data = Experiment.Data!;
        if (data.Kind == DataKindModel.Constitution) return ConstitutionSplit(gymSplit);
        // Rankings and annotated pairs are read as pairs wherever pairs are wanted (KTO then splits them).
        if (data.Kind == DataKindModel.Gym) return $"run.Gym({Data}.GymTask.{data.GymTask}).{gymSplit}()";
        string path = Literal(data.Path), heldOut = Literal(data.HeldOutPath);
        var split = gymSplit == "Pairs" && data.Shape == "Rankings" ? $"{Data}.JsonlReader.ReadRankingSplit({path}, {heldOut})"
            : gymSplit == "Pairs" && data.Shape == "Annotated" ? $"run.ReadAnnotatedPairs({path}, {heldOut})"
            : $"{Data}.JsonlReader.ReadSplit({path}, {heldOut}, {Data}.JsonlReader.{jsonlReader})";
        // The run shows and keeps each file's row count, and warns about rows that teach nothing.
        return $"run.Tally({path}, {heldOut}, {split})";
    }

    /// <summary>
    /// Data the run makes from the constitution with the policy it starts from: revisions for SFT (SL-CAI), pairs
    /// labelled by the judge for everything else (RL-CAI; KTO splits them).
    /// </summary>
    private string ConstitutionSplit(string gymSplit)
    {
        var args = $"{ExperimentEmitter.Quote(Experiment.Policy.InitFromName ?? "")}, Constitution, {Data}.GymTask.{Experiment.Data!.GymTask}";
        return gymSplit switch
        {
            "Demonstrations" => $"await run.ReviseWithConstitutionAsync({args}, Rounds, cancellationToken)",
            "Feedback" => $"{Data}.Feedback.FromPairs(await run.LabelWithConstitutionAsync({args}, PairsPerPrompt, cancellationToken{JudgeArgument}))",
            _ => $"await run.LabelWithConstitutionAsync({args}, PairsPerPrompt, cancellationToken{JudgeArgument})",
        };
    }

    /// <summary>The principle judge, when the declaration asks for it instead of the run's judge.</summary>
    private string JudgeArgument => Experiment.Data!.JudgeByPrinciples ? ", judge: new global::AlignDsl.Constitution.PrincipleJudge(Constitution)" : "";

    /// <summary>The comment above the data line: where the data comes from and what is held out.</summary>
    protected IEnumerable<string> DataComment(string shape) => Experiment.Data!.Kind == DataKindModel.Constitution
        ? ConstitutionComment(shape)
        : Experiment.Data!.Kind == DataKindModel.Gym
        ? [$"// Data: {shape} from the gym ({Experiment.Data.GymTask}); held-out prompts never seen in training."]
        : [$"// Data: {JsonlPairSource(shape)} from {Comment(Experiment.Data.Path ?? "")}{(Experiment.Data.HeldOutPath is null ? ", its last tenth held out" : ", held out: " + Comment(Experiment.Data.HeldOutPath))}."];

    private IEnumerable<string> ConstitutionComment(string shape)
    {
        var parent = Comment(Experiment.Policy.InitFromName ?? "");
        var data = Experiment.Data!;
        return Objective.Kind == ObjectiveKind.Sft
            ?
            [
                $"// Data: {shape} from the constitution (SL-CAI): {parent}'s policy answers each training prompt of the gym,",
                $"// then {data.Rounds} round(s) of critique and revision, each by a sampled principle; training uses the final revisions.",
            ]
            :
            [
                $"// Data: {shape} labelled from the constitution (RL-CAI): {parent}'s policy answers each training prompt of the gym",
                $"// with {data.PairsPerPrompt} pair(s) of samples; {(data.JudgeByPrinciples ? "the principles' phrase rules pick" : "the judge picks")} the answer that better follows a sampled principle,",
                "// asked in both orders. Held-out pairs are the gym's, so evaluation measures against ground truth.",
            ];
    }

    /// <summary>What the pairs read from a file of rankings or annotated pairs are.</summary>
    private string JsonlPairSource(string shape) => shape != "preference pairs" ? shape : Experiment.Data!.Shape switch
    {
        "Rankings" => "preference pairs expanded from k-wise rankings (C(k,2) per ranking, each weighted 1/C(k,2))",
        "Annotated" => "preference pairs by the annotators' majority vote (ties dropped; their agreement, κ, is measured on load)",
        _ => shape,
    };

    /// <summary>
    /// Declares <c>prompts</c> and <c>train</c> for an objective that samples its own answers, and <c>heldOutPairs</c>: the
    /// gym's held-out pairs, which its evaluation ranks whatever the prompts' source.
    /// </summary>
    protected void EmitPrompts(CodeWriter w)
    {
        w.Lines(DataComment("prompts"));
        w.Line($"var prompts = {ReadSplit("Prompts", "ReadPrompts")};");
        w.Line($"var train = new {Data}.PromptData(prompts.Train);");
        w.Line($"var heldOutPairs = run.Gym({Data}.GymTask.HelpfulHarmless).Pairs().HeldOut;");
        w.Line();
    }

    /// <summary>Declares <c>pairs</c>: preference pairs, training and held out.</summary>
    protected void EmitPairs(CodeWriter w)
    {
        w.Lines(DataComment("preference pairs"));
        w.Line($"var pairs = {ReadSplit("Pairs", "ReadPairs")};");
        w.Line();
    }

    /// <summary>Declares <c>policy</c>: a checkpoint of the experiment it starts from, a pretrained model folder, or a fresh model.</summary>
    protected void EmitPolicy(CodeWriter w, string trainTexts)
    {
        var policy = Experiment.Policy;
        if (policy.InitFromName is { } parent)
            w.Line($"using var policy = run.LoadPolicy({ExperimentEmitter.Quote(parent)});");
        else if (policy.Pretrained is not null)
            w.Line($"using var policy = run.LoadPretrained(PretrainedFolder{(policy.ChatTemplate is null ? "" : ", ChatTemplate")});");
        else
            w.Line($"using var policy = run.NewPolicy(PolicySize, {Data}.Texts.Of({trainTexts}));");
        if (policy.IsPretrained)
            w.Line("// The data, written in the gym's user/assistant frame, is rendered with the model's chat template: the loss falls on the assistant's turn.");
        if (Experiment.Lora is not null)
        {
            w.Line("// LoRA: low-rank adapters on the targeted projections; the base weights are frozen, so only the adapters train.");
            w.Line("run.AddLora(policy, LoraRank, LoraAlpha, LoraDropout, LoraTargets);");
        }
    }

    protected string PolicyOrigin => Experiment.Policy switch
    {
        { InitFromName: { } parent } => $"the policy starts from {Comment(parent)}'s trained checkpoint",
        { Pretrained: { } folder, ChatTemplate: var template } =>
            $"the pretrained model in {Comment(folder)} (its config.json decides architecture and size), its tokenizer, and {(template is null ? "the folder's chat template" : "the declared chat template")}",
        _ => "a fresh tiny GPT whose vocabulary covers the data",
    };

    /// <summary>Data as <paramref name="model"/> reads it: rendered with its chat template where it is a pretrained model.</summary>
    protected string Rendered(string data, string model = "policy") => Experiment.Policy.IsPretrained ? $"{model}.Render({data})" : data;

    /// <summary>Tokenizes pairs with the trained model's tokenizer (rendered with its chat template where it has one).</summary>
    protected string TokenizePairs(string pairs, string model = "policy") =>
        $"{Data}.PreferenceData.Tokenize({Rendered(pairs, model)}, {model}.Tokenizer, MaxLength)";

    /// <summary>Declares <c>evalContext</c>: held-out pairs ranked by <paramref name="scorer"/>, and probes for the sampling suites.</summary>
    protected void EmitEvalContext(CodeWriter w, string comment, string policy, string scorer, string heldOut)
    {
        w.Line($"// Evaluation ranks held-out pairs by {comment}.");
        w.Line($"var scorer = {scorer};");
        var probes = ProbesArgument(policy);
        if (!Experiment.NeedsBaseline)
        {
            w.Line($"var evalContext = run.EvalContext({policy}, scorer, {heldOut}{probes});");
            return;
        }
        var baseline = LiveReference;
        if (baseline is null)
        {
            w.Line("// Win rate and KL compare the policy with where it started: a frozen copy taken before training.");
            w.Line("using var baseline = policy.FrozenCopy();");
            baseline = "baseline";
        }
        w.Line($"var evalContext = run.EvalContext({policy}, scorer, {heldOut}, baseline: {baseline}{probes});");
    }

    /// <summary>The declared probe files, read in place of the gym's prompts of their kind; empty when none are declared or there is no policy to sample.</summary>
    private string ProbesArgument(string policy) => Experiment.Probes is { } probes && policy == "policy"
        ? $", probes: run.Probes(harmful: {QuoteOrNull(probes.Harmful)}, benign: {QuoteOrNull(probes.Benign)})"
        : "";

    private static string QuoteOrNull(string? value) => value is null ? "null" : ExperimentEmitter.Quote(value);

    /// <summary>The variable holding a resident frozen reference, if the objective keeps one; win rate and KL compare with it.</summary>
    protected virtual string? LiveReference => null;

    protected void EmitStepSignature(CodeWriter w, string summary, string models)
    {
        w.Line($"/// <summary>{summary}</summary>");
        w.Line($"private static void TrainStep({models}, global::AlignDsl.Data.SequenceTensors batch{(BetaConstant is null ? "" : ", double " + BetaVariable)},");
        w.Line("    global::AlignDsl.Training.Optimizer optimizer, global::AlignDsl.Reporting.MetricSet metrics)");
    }

    /// <summary>TRL's <c>logits/chosen</c> and <c>logits/rejected</c>, from the policy's log-probs of the two halves.</summary>
    protected static void EmitLogitMetrics(CodeWriter w, string chosen, string rejected)
    {
        w.Line($"metrics.Add(\"logits/chosen\", {chosen}.MeanLogit);");
        w.Line($"metrics.Add(\"logits/rejected\", {rejected}.MeanLogit);");
    }

    /// <summary>Backward, clip and AdamW for the loss in <paramref name="output"/>, its metrics, and the gradient norm.</summary>
    protected static void EmitOptimiserStep(CodeWriter w, string output)
    {
        EmitBackwardAndStep(w, output);
        w.Line("metrics.Add(\"grad_norm\", optimizer.GradNorm);");
    }

    /// <summary>
    /// Backward, clip and AdamW for the loss in <paramref name="output"/>, and its metrics; a step of several updates
    /// (GRPO's and RLOO's Iterations) logs the gradient norm once, after the last.
    /// </summary>
    protected static void EmitBackwardAndStep(CodeWriter w, string output)
    {
        w.Line($"{output}.Loss.backward();");
        w.Line("optimizer.ClipAndStep();");
        w.Line("// Metrics stay on the device; the run reads them every LogEvery steps.");
        w.Line($"metrics.Add({output});");
    }
}
