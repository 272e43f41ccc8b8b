using AlignDsl.Data;
using AlignDsl.Running;

namespace AlignDsl.Hosting;

/// <summary>
/// The command-line host an experiments project calls from <c>Main</c>:
/// <code>
///   (no arguments)        run the default experiment and the experiments it starts from, in order
///   list [--json]         the experiments, with objective, data, resident models and estimated memory
///   describe NAME         one experiment in detail
///   run NAME [--steps N] [--device auto|cpu|cuda] [--out DIR] [--seed N] [--judge gym|llm] [--resume [FOLDER|latest]]
///   runs [--out DIR] [--prune]
/// </code>
/// Exit codes: 0 success, 1 the run failed (bad data, a broken rule, interrupted), 2 a bad command line, 3 the run diverged.
/// </summary>
public static class ExperimentHost
{
    public static async Task<int> RunAsync(string[] args, IReadOnlyList<ExperimentEntry> experiments, string defaultExperiment,
        TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        // SIGTERM (Docker, systemd, Kubernetes) stops a run as Ctrl+C does: cleanly, keeping its checkpoints.
        using var onTerminate = OperatingSystem.IsWindows() ? null
            : System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, s => { s.Cancel = true; cancel.Cancel(); });
        try
        {
            var command = CommandLine.Parse(args);
            if (command.Has("help") || command.Verb == "help") { output.WriteLine(Usage); return 0; }
            var catalog = new Catalog(experiments);
            switch (command.Verb)
            {
                case "":
                    command.Allow("device", "out", "seed");
                    await new Pipeline(catalog, Options(command), output).RunChainAsync(catalog.Find(defaultExperiment), freshAncestors: true, cancel.Token);
                    return 0;
                case "list":
                    command.Allow("json");
                    output.WriteLine(command.Has("json") ? Describer.ListJson(experiments) : Describer.List(experiments));
                    return 0;
                case "describe":
                    command.Allow();
                    output.WriteLine(Describer.Describe(catalog.Find(Single(command, "describe"))));
                    return 0;
                case "run":
                    command.Allow("steps", "device", "out", "seed", "judge", "resume");
                    var target = catalog.Find(Single(command, "run"));
                    var options = Options(command);
                    if (command.Has("resume")) options = options with { Resume = command.Get("resume") ?? "latest" };
                    await new Pipeline(catalog, options, output).RunChainAsync(target, freshAncestors: false, cancel.Token);
                    return 0;
                case "runs":
                    command.Allow("out", "prune");
                    if (command.Arguments.Count > 0) throw new UsageException("'runs' takes no experiment name.");
                    output.WriteLine(RunList.Render(new RunStore(OutputRoot(command)), prune: command.Has("prune")));
                    return 0;
                default:
                    throw new UsageException($"Unknown command '{command.Verb}'.");
            }
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {e.Message}{Environment.NewLine}{Environment.NewLine}{Usage}");
            return 2;
        }
        catch (RunDivergedException e)
        {
            error.WriteLine($"error: {e.Message}");
            return RunDivergedException.ExitCode;
        }
        catch (Models.NonFiniteModelException e)
        {
            error.WriteLine($"error: {e.Message}");
            return RunDivergedException.ExitCode;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("Cancelled. A run with a checkpoint is kept (`runs` lists it; `run NAME --resume` continues it); one without was removed.");
            return 1;
        }
        catch (Exception e) when (e is DataFormatException or Rules.RuleViolationException or FileNotFoundException or ArgumentException
                                       or InvalidOperationException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    public const string Usage = """
        Usage:
          (no arguments)            run the default experiment, after the experiments it starts from
          list [--json]             list the experiments
          describe NAME             show one experiment: objective, data, models, estimated memory
          run NAME [options]        run one experiment (and, first, any experiment it starts from that has no finished run)
          runs [--out DIR] [--prune] list run folders with their status; --prune removes stopped incomplete ones

        Options for run:
          --steps N                 train for N steps instead of the declared number
          --device auto|cpu|cuda    where to train (default auto: CUDA when present)
          --out DIR                 where run folders go (default ./runs)
          --seed N                  seed for data order, initialisation and sampling
          --judge gym|llm           who reads answers in judged suites (default gym; llm needs ALIGNDSL_JUDGE_ENDPOINT and ALIGNDSL_JUDGE_MODEL)
          --resume [FOLDER|latest]  continue a stopped run from its newest checkpoint (default latest)

        Exit codes: 0 success, 1 the run failed or was interrupted, 2 a bad command line, 3 the run diverged (NaN or ∞).
        """;

    /// <summary>The run options, each checked before anything trains: a bad value is a bad command line (exit 2), not a failed run.</summary>
    private static RunOptions Options(CommandLine command)
    {
        var steps = command.GetInt("steps");
        // The same rule as a declared Steps (ALIGN007), reported as a bad command line.
        if (steps is { } value && Rules.SettingRules.CheckPositive("Steps", value).FirstOrDefault() is { } broken)
            throw new UsageException($"--steps: {broken}");
        var device = command.Get("device") ?? "auto";
        if (device.ToLowerInvariant() is not ("auto" or "cpu" or "cuda")) throw new UsageException($"--device takes auto, cpu or cuda (got '{device}').");
        return new()
        {
            OutputRoot = OutputRoot(command, mustBeWritable: true),
            Device = device,
            Steps = steps,
            Seed = command.GetInt("seed"),
            Judge = JudgeName(command.Get("judge")),
        };
    }

    /// <summary>The <c>--out</c> folder; for a run it must be a folder this process can write (created if missing).</summary>
    private static string OutputRoot(CommandLine command, bool mustBeWritable = false)
    {
        var root = command.Get("out") ?? "runs";
        if (File.Exists(root)) throw new UsageException($"--out {root} is a file; give a folder for the run folders.");
        if (!mustBeWritable) return root;
        try
        {
            Directory.CreateDirectory(root);
            var probe = Path.Combine(root, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out {root} cannot be written ({e.Message.TrimEnd('.')}); give a folder you can write to.");
        }
        return root;
    }

    /// <summary>The judge option, checked before any training: an LLM judge's missing settings fail the run now, not at its first evaluation.</summary>
    private static string JudgeName(string? value)
    {
        var judge = (value ?? Judging.Judges.Gym).ToLowerInvariant();
        if (!Judging.Judges.Names.Contains(judge)) throw new UsageException($"--judge takes {string.Join(" or ", Judging.Judges.Names)} (got '{value}').");
        if (judge == Judging.Judges.Llm) _ = Judging.LlmJudgeOptions.FromEnvironment();
        return judge;
    }

    private static string Single(CommandLine command, string verb) => command.Arguments.Count == 1
        ? command.Arguments[0]
        : throw new UsageException($"'{verb}' takes one experiment name (see `list`).");
}
