using System.CommandLine;
using System.CommandLine.Parsing;
using AlignDsl.Rules;

namespace AlignDsl.Hosting;

/// <summary>
/// The host's verbs and options, declared for System.CommandLine: help for every verb comes from these descriptions.
/// The overrides are checked by the same rules as the declaration's settings, so a bad value is a bad command line.
/// </summary>
internal sealed class HostCommands
{
    public Option<int?> Steps { get; } = new("--steps") { Description = "Train for N steps instead of the declared number (this experiment only)", HelpName = "N" };
    public Option<double?> LearningRate { get; } = new("--lr") { Description = "Peak learning rate instead of the declared one", HelpName = "RATE" };
    public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "Batch size instead of the declared one", HelpName = "N" };
    public Option<double?> Beta { get; } = new("--beta") { Description = "The objective's β instead of the declared one (PPO: its KL coefficient); objectives without β refuse it", HelpName = "BETA" };
    public Option<string> Device { get; } = new("--device") { Description = "Where to train (auto: CUDA when present)", DefaultValueFactory = _ => "auto" };
    public Option<string> Out { get; } = new("--out") { Description = "Where run folders go", HelpName = "DIR", DefaultValueFactory = _ => "runs" };
    public Option<int?> Seed { get; } = new("--seed") { Description = "Seed for data order, initialisation and sampling", HelpName = "N" };
    public Option<int?> Threads { get; } = new("--threads") { Description = "libtorch's CPU threads instead of the declared number (default: 1 for small models, else one per core)", HelpName = "N" };
    public Option<string> Judge { get; } = new("--judge") { Description = "Who reads answers in judged suites (llm needs ALIGNDSL_JUDGE_ENDPOINT and ALIGNDSL_JUDGE_MODEL)", DefaultValueFactory = _ => "gym" };
    public Option<double?> JudgeTimeout { get; } = new("--judge-timeout") { Description = "Seconds an LLM judge request may take (else ALIGNDSL_JUDGE_TIMEOUT_SECONDS, else 30)", HelpName = "SECONDS" };
    public Option<int?> JudgeRetries { get; } = new("--judge-retries") { Description = "Retries of a failed LLM judge request (else ALIGNDSL_JUDGE_RETRIES, else 3)", HelpName = "N" };
    public Option<long?> JudgeMaxReplyBytes { get; } = new("--judge-max-reply-bytes") { Description = "Largest LLM judge reply accepted, refused unread beyond it (else ALIGNDSL_JUDGE_MAX_REPLY_BYTES, else 1 MiB)", HelpName = "BYTES" };
    public Option<string?> Resume { get; } = new("--resume") { Description = "Continue a stopped run from its newest checkpoint: its folder, or latest (the default)", HelpName = "FOLDER|latest", Arity = ArgumentArity.ZeroOrOne };
    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON" };
    public Option<bool> Prune { get; } = new("--prune") { Description = "Remove incomplete run folders that no process is running" };
    public Option<string> Model { get; } = new("--model") { Description = "A model folder (config.json), a run folder, or an experiment whose newest run is used", HelpName = "FOLDER|RUN|NAME", Required = true };
    public Option<string?> Ids { get; } = new("--ids") { Description = "Token ids to score, comma-separated", HelpName = "1,2,3" };
    public Option<string?> Text { get; } = new("--text") { Description = "Text to tokenize with the model's tokenizer and score", HelpName = "TEXT" };
    public Option<string> To { get; } = new("--to") { Description = "The engine to export to", DefaultValueFactory = _ => "trl" };
    public Option<string> ExportOut { get; } = new("--out") { Description = "The folder to write the export into (new or empty)", HelpName = "FOLDER", Required = true };
    public Option<string> RunsRoot { get; } = new("--runs") { Description = "Where the runs it starts from are kept", HelpName = "DIR", DefaultValueFactory = _ => "runs" };
    public Option<string?> Strategy { get; } = new("--strategy") { Description = "How accelerate spreads training over GPUs: ddp, zero2, zero3 or fsdp", HelpName = "ddp|zero2|zero3|fsdp" };
    public Option<int?> Gpus { get; } = new("--gpus") { Description = "Number of GPUs (processes)", HelpName = "N" };
    public Option<string> As { get; } = new("--as") { Description = "The experiment the imported model was trained as", HelpName = "NAME", Required = true };
    public Argument<string> ImportFolder { get; } = new("FOLDER") { Description = "TRL's output folder (its output_dir)" };
    public Argument<string> EvaluateRun { get; } = new("RUN") { Description = "A run folder (e.g. one imported from TRL), or an experiment whose newest finished run is used" };
    public Argument<string> ExportName { get; } = new("NAME") { Description = "The experiment (see list)" };
    public Argument<string> PublishRun { get; } = new("RUN") { Description = "A run folder, or an experiment whose newest finished run is used" };
    public Option<string> PublishTo { get; } = new("--to") { Description = "The model folder to write (new or empty)", HelpName = "FOLDER", Required = true };
    public Argument<string> RunName { get; } = new("NAME") { Description = "The experiment (see list)" };
    public Argument<string> DescribeName { get; } = new("NAME") { Description = "The experiment (see list)" };
    public Argument<string> SweepName { get; } = new("NAME") { Description = "The sweep: the name its [Experiment] declares" };

    public RootCommand Root { get; }
    public Command List { get; }
    public Command Describe { get; }
    public Command Run { get; }
    public Command Runs { get; }
    public Command Score { get; }
    public Command Export { get; }
    public Command Import { get; }
    public Command Evaluate { get; }
    public Command Publish { get; }
    public Command Sweep { get; }

    public HostCommands()
    {
        OneOf(Device, "auto", "cpu", "cuda");
        OneOf(Judge, [.. Judging.Judges.Names]);
        Steps.Validators.Add(r => Check(r, Value<int?>(r) is { } v ? SettingRules.CheckPositive("Steps", v) : []));
        BatchSize.Validators.Add(r => Check(r, Value<int?>(r) is { } v ? SettingRules.CheckPositive("BatchSize", v) : []));
        Threads.Validators.Add(r => Check(r, Value<int?>(r) is { } v ? SettingRules.CheckPositive("Threads", v) : []));
        LearningRate.Validators.Add(r => Check(r, Value<double?>(r) is { } v ? SettingRules.CheckLearningRate(v) : []));
        JudgeTimeout.Validators.Add(r => { if (Value<double?>(r) is <= 0) r.AddError("--judge-timeout takes a number of seconds above 0"); });
        JudgeRetries.Validators.Add(r => { if (Value<int?>(r) is < 0) r.AddError("--judge-retries takes a whole number of at least 0"); });
        JudgeMaxReplyBytes.Validators.Add(r => { if (Value<long?>(r) is < 1) r.AddError("--judge-max-reply-bytes takes a whole number of at least 1"); });

        List = new Command("list", "List the experiments: objective, data, parent, resident models, estimated memory") { Json };
        OneOf(To, "trl");
        OneOf(Strategy, [.. AlignDsl.Export.DistributedStrategies.Names]);
        Gpus.Validators.Add(r => { if (Value<int?>(r) is < 1) r.AddError("--gpus takes a whole number of at least 1"); });
        Describe = new Command("describe", "Show one experiment: its settings, models and estimated memory (per GPU with --gpus and --strategy)")
        {
            DescribeName, Gpus, Strategy,
        };
        Run = new Command("run", "Run one experiment, after any experiment it starts from that has no finished run")
        {
            RunName, Steps, LearningRate, BatchSize, Beta, Device, Threads, Out, Seed, Judge, JudgeTimeout, JudgeRetries, JudgeMaxReplyBytes, Resume,
        };
        Sweep = new Command("sweep", "Run every member of a sweep (after what they start from), then draw them on one reward–KL frontier in the sweep's folder")
        {
            SweepName, Steps, BatchSize, Device, Threads, Out, Seed, Judge, JudgeTimeout, JudgeRetries, JudgeMaxReplyBytes,
        };
        Runs = new Command("runs", "List run folders with their status and newest checkpoint") { Out, Prune };
        Score = new Command("score", "Each token's log-probability under a model, as JSON: how to check that a checkpoint loaded right") { Model, Ids, Text, Out };
        Export = new Command("export", "Write a folder that trains the experiment with TRL on accelerate (multi-GPU, DeepSpeed or FSDP)")
        {
            ExportName, To, ExportOut, Strategy, Gpus, RunsRoot,
        };
        Import = new Command("import", "Bring a model TRL trained back as a run folder of its experiment") { ImportFolder, As, Out };
        Evaluate = new Command("evaluate", "Evaluate a run's weights with its experiment's suites, against where the experiment starts: no training")
        {
            EvaluateRun, Device, Out, Seed, Judge, JudgeTimeout, JudgeRetries, JudgeMaxReplyBytes,
        };
        Publish = new Command("publish", "Copy a finished run's model (Hugging Face layout) to a folder of its own, with the run's summary")
        {
            PublishRun, PublishTo, Out,
        };
        Root = new RootCommand("Runs the experiments of this program. With no command: the default experiment, after the experiments it starts from.")
        {
            Device, Threads, Out, Seed, List, Describe, Run, Sweep, Runs, Score, Export, Import, Evaluate, Publish,
        };
        // With no verb the program runs its default experiment: an action on the root makes the verb optional
        // (the host dispatches itself; this action is never invoked).
        Root.SetAction(_ => 0);
    }

    /// <summary>The option's value, or null when it did not parse (the parser reports that error itself).</summary>
    private static T? Value<T>(OptionResult result)
    {
        try { return result.GetValueOrDefault<T>(); }
        catch (InvalidOperationException) { return default; }
    }

    private static string Alternatives(string[] values) => values.Length == 1 ? values[0] : $"{string.Join(", ", values[..^1])} or {values[^1]}";

    private static void OneOf<T>(Option<T> option, params string[] values) => option.Validators.Add(r =>
    {
        if (Value<T>(r) is string value && !values.Contains(value, StringComparer.OrdinalIgnoreCase))
            r.AddError($"{option.Name} takes {Alternatives(values)} (got '{value}')");
    });

    private static void Check(OptionResult result, IEnumerable<RuleViolation> violations)
    {
        foreach (var violation in violations.Where(v => v.Rule.Severity == RuleSeverity.Error))
            result.AddError($"{result.IdentifierToken?.Value ?? result.Option.Name}: {violation}");
    }
}
