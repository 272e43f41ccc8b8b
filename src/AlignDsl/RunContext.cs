using System.Diagnostics;
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

    public RunContext(ExperimentDescriptor experiment, RunOptions options, IRunObserver? observer = null)
    {
        Experiment = experiment;
        Options = options;
        _observer = observer ?? SilentObserver.Instance;
        _store = new RunStore(options.OutputRoot);
        Seed = options.Seed ?? experiment.Training.Seed;
        Device = Devices.Resolve(options.Device);
        if (options.Steps is { } steps) Check(SettingRules.CheckPositive("Steps", steps));
        // The generator checks declared names (ALIGN050); a hand-written descriptor is checked here, before any folder exists.
        Check(SettingRules.CheckExperimentName(experiment.Name));
        RunDirectory = _store.BeginRun(experiment.Name);
        torch.random.manual_seed(Seed);
    }

    public ExperimentDescriptor Experiment { get; }
    public RunOptions Options { get; }
    public Device Device { get; }
    public int Seed { get; }

    /// <summary>The folder this run writes into (renamed without its <c>.incomplete</c> suffix when it finishes).</summary>
    public string RunDirectory { get; private set; }

    public bool Finished { get; private set; }

    /// <summary>The declared step count unless the command line overrides it.</summary>
    public int StepsOr(int declared) => Options.Steps ?? declared;

    public Gym Gym(GymTask task) => new(task, Seed);

    /// <summary>A freshly initialised tiny GPT whose vocabulary covers the training texts and the gym's probes.</summary>
    public Policy NewPolicy(ModelConfig size, IEnumerable<string> trainingTexts)
    {
        var tokenizer = CompactTokenizer.FromCorpus(trainingTexts.Concat(Data.Gym.Corpus()));
        return new Policy(new TinyGpt(size with { VocabularySize = tokenizer.VocabularySize }), tokenizer, Device);
    }

    /// <summary>The trained policy of the newest complete run of <paramref name="experiment"/>.</summary>
    public Policy LoadPolicy(string experiment)
    {
        var checkpoint = _store.LatestCheckpoint(experiment)
            ?? throw new InvalidOperationException($"No finished run of '{experiment}' under {_store.Root}: run it first (`run {experiment}`), or run this experiment from the host, which runs it for you.");
        return Checkpoint.Load(checkpoint, Device);
    }

    /// <summary>A reward model whose body starts from the trained policy of <paramref name="experiment"/>.</summary>
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
        var checkpoint = _store.LatestCheckpoint(experiment)
            ?? throw new InvalidOperationException($"No finished run of '{experiment}' under {_store.Root}: run it first (`run {experiment}`), or run this experiment from the host, which runs it for you.");
        var rewardModel = Checkpoint.LoadRewardModel(checkpoint, Device);
        var problem = !rewardModel.Tokenizer.Gpt2Ids.SequenceEqual(policy.Tokenizer.Gpt2Ids) ? "has another vocabulary than the policy it would score"
            : rewardModel.Config.Context < Experiment.Training.MaxLength ? $"reads {rewardModel.Config.Context} tokens, fewer than MaxLength ({Experiment.Training.MaxLength})"
            : null;
        if (problem is null) return rewardModel;
        rewardModel.Dispose();
        throw new InvalidOperationException($"'{experiment}''s reward model {problem}: train it from the same start as the policy (InitFrom the same SFT experiment).");
    }

    /// <summary>PPO's value model: a trainable copy of <paramref name="policy"/>'s body with a fresh scalar head.</summary>
    public ValueModel NewValueModel(Policy policy) => ValueModel.FromPolicy(policy);

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
    public EvalContext EvalContext(Policy? policy, IPreferenceScorer scorer, PreferenceData heldOutPairs, Policy? baseline = null)
    {
        var gym = Gym(GymTask.HelpfulHarmless);
        return new(policy, scorer, heldOutPairs, gym.Probes(), Seed, Device)
        {
            Baseline = baseline,
            BiasPairs = gym.BiasPairs(),
            MaxLength = Experiment.Training.MaxLength,
            Judge = Judge,
        };
    }

    /// <summary>The judge this run's options ask for (the gym's exact judge by default), made once.</summary>
    public IJudge Judge => _judge ??= Judges.FromOptions(Options);

    public EvaluationPoint BeginEvaluation(string label, int step) => new(this, label, step);

    /// <summary>Call once before the first step.</summary>
    public void StartTraining(int steps)
    {
        _steps = steps;
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
        if (step % logEvery == 0 || step == _steps)
        {
            var means = new Dictionary<string, double>(metrics.ReadMeans()) { ["learning_rate"] = optimizer.LearningRate };
            _latest = means;
            _log!.Metrics(step, means);
        }
        _observer.StepCompleted(step, _steps, _latest);
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
        model.Save(Path.Combine(RunDirectory, RunStore.CheckpointFolder));
        var seconds = _wall.Elapsed.TotalSeconds;
        var during = _evaluations.Where(e => e != before && e != after).ToList();
        _log?.Dispose();
        _log = null;
        var finalDirectory = RunDirectory[..^RunStore.IncompleteSuffix.Length];
        var result = new RunResult(Experiment.Name, Experiment.Objective, finalDirectory, _steps, seconds, _tokens / trainingSeconds,
            before, after, during, _latest) { Warnings = _warnings.ToList(), DataQuality = _dataQuality, DataFiles = _dataFiles.ToList() };
        RunSummary.Write(Path.Combine(RunDirectory, RunSummary.FileName), result, Experiment, Device.type.ToString().ToLowerInvariant());
        Reports.RunReport.Write(RunDirectory, result, Experiment, Device.type.ToString().ToLowerInvariant());
        RunDirectory = RunStore.Complete(RunDirectory);
        Finished = true;
        _observer.RunFinished(result);
        return result;
    }

    public void Dispose()
    {
        _log?.Dispose();
        (_judge as IDisposable)?.Dispose();
        if (!Finished && Directory.Exists(RunDirectory)) Directory.Delete(RunDirectory, recursive: true);
    }

    private static void Check(IEnumerable<RuleViolation> violations)
    {
        var list = violations.Where(v => v.Rule.Severity == RuleSeverity.Error).ToList();
        if (list.Count > 0) throw new RuleViolationException(list);
    }
}
