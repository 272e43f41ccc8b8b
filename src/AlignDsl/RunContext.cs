using System.Diagnostics;
using AlignDsl.Checkpointing;
using AlignDsl.Data;
using AlignDsl.Evaluation;
using AlignDsl.Judging;
using AlignDsl.Models;
using AlignDsl.Reporting;
using AlignDsl.Rules;
using AlignDsl.Running;
using AlignDsl.Tokenization;
using AlignDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AlignDsl;

/// <summary>
/// The building blocks a generated loop composes, bound to one run: device, seed, run folder, data, models,
/// optimiser, metrics and evaluation. The generated code decides what is built and in which order; this class
/// only knows how. Disposing a run that did not finish deletes its incomplete folder.
/// </summary>
public sealed partial class RunContext : IDisposable
{
    private readonly RunStore _store;
    private readonly IRunObserver _observer;
    private readonly List<EvalReport> _evaluations = [];
    private readonly List<string> _warnings = [];
    private readonly List<DataFileRows> _dataFiles = [];
    private Data.Quality.AnnotationAgreement? _dataQuality;
    private IJudge? _judge;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly Stopwatch _training = new();
    private TimeSpan _evaluationTime;
    private RunLog? _log;
    private IReadOnlyDictionary<string, double> _latest = new Dictionary<string, double>();
    private long _tokens;
    private int _steps;
    private readonly Dictionary<string, string> _parents = [];
    private readonly string? _resumeFrom;
    private readonly CheckpointInfo? _resumeInfo;
    private int _resumedStep;
    private TrainingState? _state;
    private bool _diverged, _saving;
    private readonly IDisposable _dataProgress;

    public RunContext(ExperimentDescriptor experiment, RunOptions options, IRunObserver? observer = null)
    {
        Experiment = experiment;
        Options = options;
        _observer = observer ?? SilentObserver.Instance;
        _store = new RunStore(options.OutputRoot);
        Device = Devices.Resolve(options.Device);
        if (options.Steps is { } steps) Check(SettingRules.CheckPositive("Steps", steps));
        if (options.Threads is { } threads) Check(SettingRules.CheckPositive("Threads", threads));
        // Threads asked for are set now; otherwise the first model this run builds or loads decides by its size.
        if ((options.Threads ?? experiment.Training.Threads) is > 0 and var requested) Threads = CpuThreads.Apply(requested);
        if (options.Beta is { } beta && BetaOverride.Problem(experiment, beta) is { } problem) throw new ArgumentException($"--beta: {problem}");
        // The generator checks declared names (ALIGN050); a hand-written descriptor is checked here, before any folder exists.
        Check(SettingRules.CheckExperimentName(experiment.Name));
        if (options.Resume is { } resume)
        {
            // A resumed run continues in its own folder, with the seed, step count and parent runs it started with.
            RunDirectory = _store.ResumeTarget(experiment.Name, resume);
            _resumeFrom = CheckpointStore.Latest(RunDirectory)
                ?? throw new ArgumentException($"--resume: {RunDirectory} has no checkpoint to continue from.");
            _resumeInfo = CheckpointStore.ReadInfo(_resumeFrom);
            if (_resumeInfo.Experiment != experiment.Name)
                throw new ArgumentException($"--resume: {RunDirectory} is a run of '{_resumeInfo.Experiment}', not of '{experiment.Name}'.");
            Seed = _resumeInfo.Seed;
            foreach (var (name, folder) in _resumeInfo.Parents) _parents[name] = folder;
            File.WriteAllText(Path.Combine(RunDirectory, RunStore.LockFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.Delete(Path.Combine(RunDirectory, RunSummary.FileName));
        }
        else
        {
            Seed = options.Seed ?? experiment.Training.Seed;
            RunDirectory = _store.BeginRun(experiment.Name);
        }
        torch.random.manual_seed(Seed);
        // Reading and tokenizing a large data file report to this run's observer (the generated loop calls them statically).
        _dataProgress = ProgressMeter.Route(_observer);
    }

    public ExperimentDescriptor Experiment { get; }
    public RunOptions Options { get; }
    public Device Device { get; }
    public int Seed { get; }

    /// <summary>libtorch's CPU threads for this run: asked for, or chosen by the size of its first model (0 until then).</summary>
    public int Threads { get; private set; }

    /// <summary>The folder this run writes into (renamed without its <c>.incomplete</c> suffix when it finishes).</summary>
    public string RunDirectory { get; private set; }

    public bool Finished { get; private set; }

    /// <summary>The declared step count unless the command line overrides it.</summary>
    public int StepsOr(int declared) => _resumeInfo?.Steps ?? Options.Steps ?? declared;

    /// <summary>The declared peak learning rate unless the command line overrides it.</summary>
    public double LearningRateOr(double declared) => _resumeInfo?.LearningRate ?? Options.LearningRate ?? declared;

    /// <summary>The declared batch size unless the command line overrides it.</summary>
    public int BatchSizeOr(int declared) => _resumeInfo?.BatchSize ?? Options.BatchSize ?? declared;

    /// <summary>The declared β (PPO: KL coefficient) unless the command line overrides it.</summary>
    public double BetaOr(double declared) => _resumeInfo?.Beta ?? Options.Beta ?? declared;

    /// <summary>The finished run folders this run loaded models from, by experiment.</summary>
    public IReadOnlyDictionary<string, string> Parents => _parents;

    public Gym Gym(GymTask task) => new(task, Seed);

    /// <summary>A freshly initialised tiny GPT whose vocabulary covers the training texts and the gym's probes.</summary>
    public Policy NewPolicy(ModelConfig size, IEnumerable<string> trainingTexts)
    {
        var tokenizer = CompactTokenizer.FromCorpus(trainingTexts.Concat(Data.Gym.Corpus()));
        return ChooseThreads(Declared(new Policy(new TinyGpt(size with { VocabularySize = tokenizer.VocabularySize }), tokenizer, Device)));
    }

    /// <summary>
    /// The causal LM of a Hugging Face model folder (<c>[Policy(Pretrained = …)]</c>) with its tokenizer and a chat template:
    /// <paramref name="chatTemplate"/> when declared, else the folder's own <c>chat_template</c>. A relative folder is
    /// found from the working directory. A missing folder or file, a template that cannot be parsed, or a tokenizer larger
    /// than the model's vocabulary fails here, before training, naming the path.
    /// </summary>
    public Policy LoadPretrained(string folder, string? chatTemplate = null) => ChooseThreads(Declared(ReadPretrained(folder, chatTemplate)));

    /// <summary>
    /// A reward model whose body is the pretrained model of <paramref name="folder"/> (read as <see cref="LoadPretrained"/>
    /// reads it, without a second copy) and a fresh scalar head; its pairs are rendered with the model's chat template.
    /// </summary>
    public RewardModel LoadPretrainedRewardModel(string folder, string? chatTemplate = null) =>
        RewardModel.TakingBodyOf(LoadPretrained(folder, chatTemplate));

    private Policy ReadPretrained(string folder, string? chatTemplate)
    {
        var path = Path.GetFullPath(folder);
        var missing = !Directory.Exists(path) ? "no such folder"
            : !File.Exists(Path.Combine(path, Models.Architectures.HfConfig.FileName)) ? $"no {Models.Architectures.HfConfig.FileName}"
            : !Models.SafeTensors.WeightFiles.Exist(path) ? $"no weights ({Models.SafeTensors.WeightFiles.Single} or its sharded index)"
            : null;
        if (missing is not null)
            throw new FileNotFoundException($"Pretrained = \"{folder}\": {missing} at {path}. Pretrained names a local model folder in the Hugging Face layout, relative to the working directory ({Environment.CurrentDirectory}).", path);
        var tokenizer = HfTokenizer.Load(path);
        var template = Chat.ChatTemplate.ForModel(path, chatTemplate);
        var model = Models.Architectures.PretrainedModels.Load(path);
        if (tokenizer.VocabularySize > model.Config.VocabularySize)
        {
            model.Dispose();
            throw new InvalidOperationException($"Pretrained = \"{folder}\": the tokenizer has {tokenizer.VocabularySize} tokens but the model's vocabulary only {model.Config.VocabularySize} rows ({path}).");
        }
        return new Policy(model, tokenizer, Device, new Chat.ChatFormat(template, tokenizer.BosToken, tokenizer.EosToken));
    }

    /// <summary>
    /// Attaches LoRA adapters (<c>[Lora]</c>) to the targeted projections of <paramref name="policy"/> and freezes everything
    /// else, so the optimiser trains the adapters alone. <paramref name="targets"/> is comma-separated (PEFT's <c>target_modules</c>);
    /// a target the model lacks is an error naming the projections it has.
    /// </summary>
    public void AddLora(Policy policy, int rank, double alpha, double dropout, string targets) =>
        AddLora(policy.Model, policy.Parameters(), rank, alpha, dropout, targets);

    /// <summary>LoRA adapters on a reward model's body (<c>[Lora]</c>): the adapters and the scalar head train, the body is frozen.</summary>
    public void AddLora(RewardModel rewardModel, int rank, double alpha, double dropout, string targets) =>
        AddLora(rewardModel.Body, rewardModel.Parameters(), rank, alpha, dropout, targets);

    private void AddLora(CausalLM body, IEnumerable<TorchSharp.Modules.Parameter> parameters, int rank, double alpha, double dropout, string targets)
    {
        var settings = new Models.Lora.LoraSettings(rank, alpha, dropout, targets.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        var adapted = Models.Lora.LoraAdapters.Apply(body, settings);
        _observer.Status($"LoRA: rank {rank}, α {alpha} on {adapted.Count} projections; {parameters.Where(p => p.requires_grad).Sum(p => p.numel()):N0} trainable parameters");
    }

    /// <summary>The trained policy of the newest complete run of <paramref name="experiment"/>.</summary>
    public Policy LoadPolicy(string experiment)
    {
        return ChooseThreads(Declared(Checkpoint.Load(ParentCheckpoint(experiment), Device)));
    }

    /// <summary>
    /// The declared precision and gradient checkpointing, applied to a policy as it is built: every model of the run
    /// (reference, value model, reward model) is a copy of one, or is loaded with <see cref="LoadRewardModel"/>.
    /// </summary>
    private Policy Declared(Policy policy)
    {
        policy.Model.GradientCheckpointing = Experiment.GradientCheckpointing;
        return policy.In(Experiment.Precision);
    }

    /// <summary>Sets the threads by the size of the run's first model, unless they were asked for.</summary>
    private Policy ChooseThreads(Policy policy)
    {
        if (Threads == 0) Threads = CpuThreads.Apply(CpuThreads.Choose(0, policy.Parameters().Sum(p => p.numel())));
        return policy;
    }

    /// <summary>
    /// The checkpoint of the newest finished run of <paramref name="experiment"/>, recorded as a parent of this run; a
    /// resumed run loads the very parent runs it started with.
    /// </summary>
    private string ParentCheckpoint(string experiment)
    {
        if (_parents.TryGetValue(experiment, out var recorded))
        {
            var path = Path.Combine(recorded, RunStore.CheckpointFolder);
            return Checkpoint.Exists(path) ? path
                : throw new InvalidOperationException($"This run started from {recorded}, which no longer holds a checkpoint.");
        }
        var checkpoint = _store.LatestCheckpoint(experiment)
            ?? throw new InvalidOperationException($"No finished run of '{experiment}' under {_store.Root}: run it first (`run {experiment}`), or run this experiment from the host, which runs it for you.");
        _parents[experiment] = Path.GetDirectoryName(checkpoint)!;
        return checkpoint;
    }

    /// <summary>
    /// A reward model whose body starts from the trained policy of <paramref name="experiment"/>. The body is a copy, freed
    /// with the loaded policy, so the run draws its random numbers as it always has: a trained start's runs reproduce.
    /// </summary>
    public RewardModel LoadRewardModelBody(string experiment)
    {
        using var policy = LoadPolicy(experiment);
        return RewardModel.FromPolicy(policy);
    }

    /// <summary>
    /// The trained reward model of the newest complete run of <paramref name="experiment"/>, frozen: PPO scores the
    /// answers of <paramref name="policy"/> with it, token ids as they are, so both must share a vocabulary and the
    /// reward model must read as far as the policy writes.
    /// </summary>
    public RewardModel LoadRewardModel(string experiment, Policy policy)
    {
        var rewardModel = Checkpoint.LoadRewardModel(ParentCheckpoint(experiment), Device);
        rewardModel.In(Experiment.Precision);
        var problem = !TokenizerIds.SameVocabulary(rewardModel.Tokenizer, policy.Tokenizer) ? "has another vocabulary than the policy it would score"
            : rewardModel.Config.Context < Experiment.Training.MaxLength ? $"reads {rewardModel.Config.Context} tokens, fewer than MaxLength ({Experiment.Training.MaxLength})"
            : null;
        if (problem is null) return rewardModel;
        rewardModel.Dispose();
        throw new InvalidOperationException($"'{experiment}''s reward model {problem}: train it from the same start as the policy (InitFrom the same SFT experiment).");
    }

    /// <summary>PPO's value model: a trainable copy of <paramref name="policy"/>'s body with a fresh scalar head.</summary>
    public ValueModel NewValueModel(Policy policy) => ValueModel.FromPolicy(policy);

    /// <summary>
    /// PPO's value model when the reward is a reward model: a trainable copy of it, body and head, in the declared precision
    /// and gradient checkpointing; it has the policy's vocabulary and reads as far (<see cref="LoadRewardModel"/> checks both).
    /// </summary>
    public ValueModel NewValueModel(RewardModel rewardModel)
    {
        var valueModel = ValueModel.FromRewardModel(rewardModel);
        valueModel.In(Experiment.Precision);
        valueModel.Body.GradientCheckpointing = Experiment.GradientCheckpointing;
        return valueModel;
    }

    /// <summary>A fresh reward model (tiny GPT body, scalar head) whose vocabulary covers the training texts and the gym's probes.</summary>
    public RewardModel NewRewardModel(ModelConfig size, IEnumerable<string> trainingTexts)
    {
        using var policy = NewPolicy(size, trainingTexts);
        return RewardModel.FromPolicy(policy);
    }

    /// <summary>
    /// Scores every row of <paramref name="batches"/> with a frozen copy of <paramref name="policy"/> (the reference),
    /// then frees the copy: training then holds the policy and these log-probs only.
    /// </summary>
    public PrecomputedReference PrecomputeReference(Policy policy, IEnumerable<SequenceBatch> batches)
    {
        // With LoRA the reference is the policy with its adapters off: no copy needed.
        if (policy.Model.HasAdapters)
        {
            using var off = Models.Lora.LoraAdapters.Disabled(policy.Model);
            return PrecomputedReference.Compute(policy, batches);
        }
        using var reference = policy.FrozenCopy();
        return PrecomputedReference.Compute(reference, batches);
    }

    public Optimizer AdamW(ITrainableModel model, double learningRate, int warmupSteps, int steps, double weightDecay, double maxGradNorm)
    {
        Check(SettingRules.CheckLearningRate(learningRate));
        return new Optimizer(model.Parameters(), new LearningRateSchedule(learningRate, warmupSteps, steps), weightDecay, maxGradNorm);
    }

    /// <summary>
    /// The probes, held-out pairs and bias pairs every evaluation of this run uses, scored the experiment's way, read
    /// by the run's judge; <paramref name="baseline"/> is what win rate and KL compare the policy with.
    /// </summary>
    public EvalContext EvalContext(Policy? policy, IPreferenceScorer scorer, PreferenceData heldOutPairs, Policy? baseline = null,
        IReadOnlyList<Probe>? probes = null)
    {
        var gym = Gym(GymTask.HelpfulHarmless);
        return new(policy, scorer, heldOutPairs, probes ?? gym.Probes(), Seed, Device)
        {
            Baseline = baseline,
            BiasPairs = gym.BiasPairs(),
            MaxLength = Experiment.Training.MaxLength,
            Judge = Judge,
        };
    }

    /// <summary>
    /// The probes red teaming and over-refusal sample answers to: the declared files (<c>[Probes]</c>) in place of the
    /// gym's held-out prompts of their kind. Each file's row count is shown and kept with the run's data files.
    /// </summary>
    public IReadOnlyList<Probe> Probes(string? harmful, string? benign)
    {
        var probes = ProbeFile.Combine(Gym(GymTask.HelpfulHarmless).Probes(), harmful, benign);
        foreach (var (path, kind) in new[] { (harmful, GymCategory.Harmful), (benign, GymCategory.Benign) })
        {
            if (path is null) continue;
            var file = new DataFileRows(path, kind == GymCategory.Harmful ? "harmful_probes" : "benign_probes", probes.Count(p => p.Category == kind));
            _dataFiles.Add(file);
            _observer.Status($"{file.Path}: {file.Rows} {file.Role.Replace('_', ' ')}");
        }
        // The gym's judge reads its own markers; on other prompts it can only class answers that use them.
        if ((harmful ?? benign) is not null && Judge is GymJudge)
            Warn("Your own probe prompts are judged by the gym's judge, which only recognises the gym's refusal and compliance phrases: " +
                "run with --judge llm for verdicts on other answers (see the unclassified rate).");
        return probes;
    }

    /// <summary>The judge this run's options ask for (the gym's exact judge by default), made once.</summary>
    public IJudge Judge => _judge ??= Judges.FromOptions(Options);

    public EvaluationPoint BeginEvaluation(string label, int step) => new(this, label, step);

    /// <summary>Call once before the first step.</summary>
    public void StartTraining(int steps)
    {
        _steps = steps;
        if (Options.EvaluateWeights is { } weights) LoadEvaluatedWeights(weights, steps);
        _training.Restart();
        _log ??= new RunLog(RunDirectory);
        _observer.RunStarted(Experiment, steps, RunDirectory);
    }

    /// <summary>
    /// After each step: counts tokens (known on the host) and, every <paramref name="logEvery"/> steps and at the
    /// last, reads the metrics from the device once and writes them.
    /// </summary>
    public void Report(int step, MetricSet metrics, SequenceBatch batch, int logEvery, Optimizer optimizer) =>
        Report(step, metrics, batch.TokenCount, logEvery, optimizer);

    /// <summary>As the batch overload, for a step whose tokens the host counted otherwise (a rollout's <c>TokenCount</c>).</summary>
    public void Report(int step, MetricSet metrics, long tokens, int logEvery, Optimizer optimizer)
    {
        _tokens += tokens;
        _lastTrainedStep = step;
        metrics.EndStep(step);
        if (step % logEvery == 0 || step == _steps)
        {
            var means = new Dictionary<string, double>(metrics.ReadMeans()) { ["learning_rate"] = optimizer.LearningRate };
            _latest = means;
            _lastReadStep = step;
            _log!.Metrics(step, means);
            // The divergence watch came back in the same read: a NaN at any step since the last one stops the run here.
            if (metrics.FirstNonFiniteStep is { } bad) throw Diverged(bad, step);
        }
        _observer.StepCompleted(step, _steps, _latest);
    }

    /// <summary>What this run's checkpoints hold besides its own records: the generated loop adds its models, optimisers and generators.</summary>
    public TrainingState TrainingState(MetricSet metrics) => _state = new(metrics);

    /// <summary>
    /// For a run started with <c>--resume</c>: restores the newest checkpoint into <paramref name="state"/> (and the torch
    /// RNG), cuts <c>metrics.jsonl</c> back to what it held then, and returns the step to continue after with the
    /// evaluation made before training. Null for a fresh run.
    /// </summary>
    public ResumePoint? Resume(TrainingState state)
    {
        if (_resumeFrom is null || _resumeInfo is null) return null;
        CheckpointStore.Restore(_resumeFrom, state, Device);
        _tokens = _resumeInfo.Tokens;
        _evaluations.Clear();
        _evaluations.AddRange(_resumeInfo.Evaluations);
        _warnings.Clear();
        _warnings.AddRange(_resumeInfo.Warnings);
        _latest = _resumeInfo.LatestMetrics;
        _resumedStep = _resumeInfo.Step;
        _log?.Dispose();
        using (var file = new FileStream(Path.Combine(RunDirectory, RunLog.FileName), FileMode.OpenOrCreate)) file.SetLength(_resumeInfo.MetricsLength);
        _log = new RunLog(RunDirectory, append: true);
        ReplayGuards();
        var before = _resumeInfo.Evaluations.FirstOrDefault(e => e.Step == 0)
            ?? throw new InvalidDataException($"{_resumeFrom} holds no evaluation from before training.");
        _observer.Status($"resuming after step {_resumeInfo.Step} from {_resumeFrom}");
        return new ResumePoint(_resumeInfo.Step, before) { PendingEvaluation = _resumeInfo.PendingEvaluation };
    }

    /// <summary>For <see cref="RunOptions.EvaluateWeights"/>: the published model takes those weights and no step is left to train.</summary>
    private void LoadEvaluatedWeights(string weights, int steps)
    {
        var model = _state?.Published ?? throw new InvalidOperationException($"{Experiment.Name} registers no model to evaluate weights in.");
        model.LoadWeights(weights);
        _resumedStep = steps;
        _observer.Status($"evaluating the weights of {weights} (no training)");
    }

    /// <summary>The batches still to train: all of them for a fresh run; after the checkpoint's step for a resumed one (the seeded order replayed).</summary>
    public IEnumerable<(int Step, T Batch)> RemainingSteps<T>(IEnumerable<(int Step, T Batch)> batches)
    {
        foreach (var batch in batches.Where(b => b.Step > _resumedStep))
        {
            // On CUDA the default generators restart from (seed, step) before each step: resume is exact there too.
            CudaRandom.ReseedForStep(Device, Seed, batch.Step);
            yield return batch;
        }
    }

    /// <summary>Every <paramref name="checkpointEvery"/> steps (0: never) and at the last step, which keeps the weights safe from a failing final evaluation.</summary>
    public bool IsCheckpointStep(int step, int checkpointEvery) => step == _steps || (checkpointEvery > 0 && step % checkpointEvery == 0);

    /// <summary>
    /// Writes a checkpoint of <paramref name="step"/> atomically and keeps the newest <paramref name="keep"/>. The
    /// divergence watch is read first, so every checkpoint on disk was trained on finite losses and gradients.
    /// </summary>
    public void SaveCheckpoint(int step, TrainingState state, int keep) => SaveCheckpoint(step, state, keep, pendingEvaluation: null);

    private void SaveCheckpoint(int step, TrainingState state, int keep, int? pendingEvaluation)
    {
        if (state.Metrics.ReadFirstNonFiniteStep() is { } bad) throw Diverged(bad, step);
        var metricsFile = Path.Combine(RunDirectory, RunLog.FileName);
        var info = new CheckpointInfo(Experiment.Name, step, _steps, Seed, _tokens, File.Exists(metricsFile) ? new FileInfo(metricsFile).Length : 0,
            new Dictionary<string, string>(_parents), _evaluations.ToList(), _warnings.ToList(), _latest)
        {
            // A resumed run keeps the overrides it started with, in every checkpoint it writes.
            LearningRate = _resumeInfo?.LearningRate ?? Options.LearningRate, BatchSize = _resumeInfo?.BatchSize ?? Options.BatchSize,
            Beta = _resumeInfo?.Beta ?? Options.Beta,
            PendingEvaluation = pendingEvaluation,
        };
        CheckpointStore.Write(RunDirectory, info, state, keep);
    }

    private RunDivergedException Diverged(int step, int seenAt)
    {
        _diverged = true;
        var last = CheckpointStore.Latest(RunDirectory);
        var when = step == seenAt ? $"at step {step}" : $"at step {step} (found at step {seenAt}, when the metrics were read)";
        var keep = last is null ? "No checkpoint was saved before it." : $"Last good checkpoint: {last}.";
        return new RunDivergedException(
            $"{Experiment.Name} diverged: the loss or a gradient norm became NaN or infinite {when}. {keep} Lower LearningRate or MaxGradNorm, then run it again.",
            step, last);
    }

    /// <summary>Warns the user without stopping the run; the warning is also kept in <c>summary.json</c>.</summary>
    public void Warn(string message)
    {
        _warnings.Add(message);
        _observer.Warning(message);
    }

    /// <summary>
    /// Annotated pairs (<c>JsonlShape.Annotated</c>) as preference pairs by majority vote, ties dropped. The
    /// annotators' agreement on <paramref name="path"/> (Cohen's κ for two, Fleiss' for more) is kept for
    /// <c>summary.json</c> and warned about when below 0.6: noisy labels train a noisy model.
    /// </summary>
    public Split<PreferencePair> ReadAnnotatedPairs(string path, string? heldOutPath)
    {
        var annotated = JsonlReader.ReadAnnotated(path);
        var agreement = annotated.Agreement();
        _dataQuality = agreement;
        if (agreement.Warning(path) is { } warning) Warn(warning);
        var pairs = annotated.MajorityVote();
        if (pairs.Count == 0) throw new DataFormatException(path, annotated.Items.Count, "labels", "every item is a tie between the annotators: no preference is left to train on");
        return JsonlReader.ReadSplit(path, heldOutPath, p => p == path ? pairs : JsonlReader.ReadAnnotated(p).MajorityVote());
    }

    /// <summary>
    /// A JSONL split as read: its row counts per file are shown and kept for <c>summary.json</c>, and rows that teach
    /// nothing (identical chosen and rejected answers, empty fields) are warned about with their counts.
    /// </summary>
    public Split<T> Tally<T>(string path, string? heldOutPath, Split<T> split)
    {
        ArgumentNullException.ThrowIfNull(split);
        foreach (var file in DataFileRows.Of(path, heldOutPath, split))
        {
            _dataFiles.Add(file);
            _observer.Status($"{file.Path}: {file.Rows} {file.Role.Replace('_', ' ')} rows");
        }
        if (DegenerateRows.Warning(path, split.Train) is { } train) Warn(train);
        if (heldOutPath is not null && DegenerateRows.Warning(heldOutPath, split.HeldOut) is { } heldOut) Warn(heldOut);
        return split;
    }

    public bool IsEvalStep(int step, int evalEvery) => evalEvery > 0 && step % evalEvery == 0 && step < _steps;

    internal void RecordEvaluation(EvalReport report, TimeSpan elapsed)
    {
        if (_training.IsRunning) _evaluationTime += elapsed;
        _evaluations.Add(report);
        (_log ??= new RunLog(RunDirectory)).Evaluation(report);
        _observer.EvaluationCompleted(report);
        // Before training a tiny model answers noise; only the trained model's unclassifiable answers are worth a warning.
        if (report.Label == "after")
            foreach (var warning in UnclassifiedAnswers.Warnings(report)) Warn(warning);
    }

    /// <summary>Saves the trained model, writes <c>summary.json</c>, and marks the run complete.</summary>
    public RunResult Finish(ITrainableModel model, EvalReport before, EvalReport after)
    {
        // Throughput counts the training loop only: not set-up, not the evaluations inside the loop, not saving.
        var trainingSeconds = Math.Max(1e-9, _training.Elapsed.TotalSeconds - _evaluationTime.TotalSeconds);
        _saving = true;
        // A model with a NaN or infinite weight is never published: no experiment may start from it.
        if (!Checkpoint.AllFinite(model.Parameters()))
        {
            _diverged = true;
            var last = CheckpointStore.Latest(RunDirectory);
            throw new RunDivergedException($"{Experiment.Name} diverged: its trained weights are not finite (NaN or ∞). {(last is null ? "No checkpoint was saved." : $"Last good checkpoint: {last}.")}", _steps, last);
        }
        AtomicFolder.Write(Path.Combine(RunDirectory, RunStore.CheckpointFolder), model.Save);
        var seconds = _wall.Elapsed.TotalSeconds;
        var during = _evaluations.Where(e => e != before && e != after).ToList();
        _log?.Dispose();
        _log = null;
        var finalDirectory = RunDirectory[..^RunStore.IncompleteSuffix.Length];
        var result = new RunResult(Experiment.Name, Experiment.Objective, finalDirectory, _steps, seconds, _tokens / trainingSeconds,
            before, after, during, _latest)
        {
            Warnings = _warnings.ToList(), DataQuality = _dataQuality, DataFiles = _dataFiles.ToList(), Seed = Seed, Parents = new Dictionary<string, string>(_parents),
            Provenance = RunProvenance.Collect(Experiment, Options, Seed, _steps, _resumeInfo?.LearningRate ?? Options.LearningRate,
                _resumeInfo?.BatchSize ?? Options.BatchSize, Device.type.ToString().ToLowerInvariant(), _parents, _dataFiles.Select(f => f.Path),
                _resumeInfo?.Beta ?? Options.Beta)
                with { EvaluatedWeights = Options.EvaluateWeights is { } w ? Path.GetFullPath(w) : null },
            Guards = _guards?.Report(),
        };
        RunSummary.Write(Path.Combine(RunDirectory, RunSummary.FileName), result, Experiment, Device.type.ToString().ToLowerInvariant());
        Reports.RunReport.Write(RunDirectory, result, Experiment, Device.type.ToString().ToLowerInvariant());
        // The published checkpoint holds the weights; the step checkpoints were only for resuming.
        var checkpoints = Path.Combine(RunDirectory, CheckpointStore.Folder);
        if (Directory.Exists(checkpoints)) Directory.Delete(checkpoints, recursive: true);
        RunDirectory = RunStore.Complete(RunDirectory);
        Finished = true;
        _observer.RunFinished(result);
        return result;
    }

    /// <summary>
    /// Ends the run. One that did not finish keeps its folder, marked in <c>summary.json</c>, when there is something
    /// to keep: diverged (with its last good checkpoint), evaluation or save failed (the last checkpoint holds the
    /// trained weights), or interrupted after a checkpoint (resumable). A run stopped before any checkpoint is removed.
    /// </summary>
    public void Dispose()
    {
        _dataProgress.Dispose();
        _log?.Dispose();
        _log = null;
        (_judge as IDisposable)?.Dispose();
        if (Finished || !Directory.Exists(RunDirectory)) return;
        var lastStep = CheckpointStore.LatestStep(RunDirectory);
        var status = _haltedByGuard ? RunStatus.HaltedByGuard
            : _diverged ? RunStatus.Diverged
            : lastStep is null ? null
            : lastStep == _steps && _saving ? RunStatus.SaveFailed
            : lastStep == _steps ? RunStatus.EvaluationFailed
            : RunStatus.Interrupted;
        if (status is null)
        {
            Directory.Delete(RunDirectory, recursive: true);
            return;
        }
        RunSummary.WriteStopped(Path.Combine(RunDirectory, RunSummary.FileName), Experiment, status, lastStep, CheckpointStore.Latest(RunDirectory), Seed, _parents,
            _guards?.Report());
        File.Delete(Path.Combine(RunDirectory, RunStore.LockFile));
    }

    private static void Check(IEnumerable<RuleViolation> violations)
    {
        var list = violations.Where(v => v.Rule.Severity == RuleSeverity.Error).ToList();
        if (list.Count > 0) throw new RuleViolationException(list);
    }
}
