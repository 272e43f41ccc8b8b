using System.CommandLine;
using System.CommandLine.Help;
using AlignDsl.Data;
using AlignDsl.Running;

namespace AlignDsl.Hosting;

/// <summary>
/// The command-line host an experiments project calls from <c>Main</c>:
/// <code>
///   (no arguments)        run the default experiment and the experiments it starts from, in order
///   list [--json]         the experiments, with objective, data, resident models and estimated memory
///   describe NAME         one experiment in detail, with every setting
///   sweep NAME [--steps N] [--device] [--out DIR] [--seed N]   every member of a sweep, then its reward–KL frontier
///   run NAME [--steps N] [--lr RATE] [--batch-size N] [--beta BETA] [--device auto|cpu|cuda] [--threads N] [--out DIR] [--seed N]
///            [--judge gym|llm] [--resume [FOLDER|latest]]
///   score --model FOLDER|RUN (--ids 1,2,3 | --text "…") [--out DIR]
///   export NAME --to trl --out FOLDER [--strategy ddp|zero2|zero3|fsdp] [--gpus N] [--runs DIR]
///   import FOLDER --as NAME [--out DIR]   a model TRL trained, as a run folder of NAME
///   evaluate RUN [--device] [--out DIR] [--seed N] [--judge gym|llm]   a run's weights, evaluated without training
///   publish RUN --to FOLDER [--out DIR]   a finished run's model copied to a Hugging Face folder of its own
///   runs [--out DIR] [--prune]   run folders and their status; --prune removes stale incomplete ones
/// </code>
/// Every verb has <c>--help</c>. Exit codes: 0 success, 1 the run failed (bad data, a missing file, interrupted),
/// 2 a bad command line (checked before anything trains), 3 the run diverged, 4 a failure-mode guard halted the run.
/// </summary>
public static class ExperimentHost
{
    public const int Success = 0, Failed = 1, BadCommandLine = 2, Diverged = RunDivergedException.ExitCode, HaltedByGuard = Guards.GuardHaltException.ExitCode;

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
            var commands = new HostCommands();
            var parsed = commands.Root.Parse(args);
            if (parsed.Errors.Count > 0) throw new UsageException(Explain(parsed));
            if (parsed.Action is HelpAction or System.CommandLine.Invocation.ParseErrorAction || parsed.CommandResult.Command.Name == "--version")
                return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancel.Token);
            var catalog = new Catalog(experiments);
            var command = parsed.CommandResult.Command;
            if (command == commands.List)
            {
                output.WriteLine(parsed.GetValue(commands.Json) ? Describer.ListJson(experiments) : Describer.List(experiments));
                return Success;
            }
            if (command == commands.Describe)
            {
                var described = catalog.Find(parsed.GetRequiredValue(commands.DescribeName));
                output.WriteLine(Describer.Describe(described));
                if (parsed.GetValue(commands.Gpus) is not null || parsed.GetValue(commands.Strategy) is not null)
                    output.WriteLine(ExportCommand.MemoryPerGpu(described.Descriptor, parsed.GetValue(commands.Strategy), parsed.GetValue(commands.Gpus)));
                return Success;
            }
            if (command == commands.Export)
            {
                output.WriteLine(ExportCommand.Run(catalog.Find(parsed.GetRequiredValue(commands.ExportName)).Descriptor, parsed.GetRequiredValue(commands.ExportOut),
                    parsed.GetValue(commands.Strategy), parsed.GetValue(commands.Gpus), parsed.GetValue(commands.RunsRoot)!));
                return Success;
            }
            if (command == commands.Import)
            {
                var run = AlignDsl.Export.TrlImporter.Import(parsed.GetRequiredValue(commands.ImportFolder), catalog.Find(parsed.GetRequiredValue(commands.As)).Descriptor,
                    OutputRoot(parsed.GetValue(commands.Out)!, mustBeWritable: true));
                output.WriteLine($"✔ imported as {run}");
                return Success;
            }
            if (command == commands.Score)
            {
                output.WriteLine(ScoreCommand.Run(parsed.GetValue(commands.Model), parsed.GetValue(commands.Ids), parsed.GetValue(commands.Text), parsed.GetValue(commands.Out)!));
                return Success;
            }
            if (command == commands.Publish)
            {
                var folder = PublishCommand.Run(parsed.GetRequiredValue(commands.PublishRun), parsed.GetRequiredValue(commands.PublishTo), parsed.GetValue(commands.Out)!);
                output.WriteLine($"✔ published to {folder}: load it with from_pretrained, or declare [Policy(Pretrained = \"{folder}\")]");
                return Success;
            }
            if (command == commands.Runs)
            {
                output.WriteLine(RunList.Render(new RunStore(OutputRoot(parsed.GetValue(commands.Out)!, mustBeWritable: false)), parsed.GetValue(commands.Prune)));
                return Success;
            }
            if (command == commands.Evaluate)
            {
                var (evaluated, weights) = EvaluateTarget(catalog, parsed.GetRequiredValue(commands.EvaluateRun), parsed.GetValue(commands.Out)!);
                var evaluation = new Pipeline(catalog, Options(parsed, commands) with { EvaluateWeights = weights }, output);
                evaluation.Validate(evaluated, freshAncestors: false);
                await evaluation.RunChainAsync(evaluated, freshAncestors: false, cancel.Token);
                return Success;
            }
            var isRun = command == commands.Run;
            // `run NAME` of a sweep's name runs the sweep, as `sweep NAME` does.
            var sweepName = command == commands.Sweep ? parsed.GetRequiredValue(commands.SweepName)
                : isRun && SweepCommand.IsSweep(experiments, parsed.GetRequiredValue(commands.RunName)) ? parsed.GetRequiredValue(commands.RunName) : null;
            if (sweepName is not null)
            {
                await SweepCommand.RunAsync(catalog, SweepCommand.Members(experiments, sweepName), Options(parsed, commands), output, cancel.Token);
                return Success;
            }
            var target = catalog.Find(isRun ? parsed.GetRequiredValue(commands.RunName) : defaultExperiment);
            var options = Options(parsed, commands);
            // β depends on the objective, so --beta is checked once the experiment is known (still before anything trains).
            if (options.Beta is { } beta && BetaOverride.Problem(target.Descriptor, beta) is { } problem)
                throw new UsageException($"--beta: {problem}");
            var chain = new Pipeline(catalog, options, output);
            // Every experiment the command will run is checked first (data files, settings, overrides): nothing trains
            // before a mistake further down the chain is found.
            chain.Validate(target, freshAncestors: !isRun);
            await chain.RunChainAsync(target, freshAncestors: !isRun, cancel.Token);
            return Success;
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {e.Message} (see --help)");
            return BadCommandLine;
        }
        catch (RunDivergedException e)
        {
            error.WriteLine($"error: {e.Message}");
            return Diverged;
        }
        catch (Guards.GuardHaltException e)
        {
            error.WriteLine($"error: {e.Message}");
            return HaltedByGuard;
        }
        catch (Models.NonFiniteModelException e)
        {
            error.WriteLine($"error: {e.Message}");
            return Diverged;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("Cancelled. A run with a checkpoint is kept (`runs` lists it; `run NAME --resume` continues it); one without was removed.");
            return Failed;
        }
        catch (System.Runtime.InteropServices.ExternalException e)
        {
            // libtorch's own errors carry a native stack trace after their first line: the first line says what failed.
            error.WriteLine($"error: libtorch: {e.Message.Split('\n')[0].Trim()}");
            return Failed;
        }
        catch (Exception e) when (e is DataFormatException or Rules.RuleViolationException or FileNotFoundException or DirectoryNotFoundException
                                       or ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException or InvalidDataException
                                       or NotSupportedException)
        {
            error.WriteLine($"error: {e.Message}");
            return Failed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>The experiment a run folder belongs to (its parent folder's name) and its checkpoint; or an experiment's newest finished run.</summary>
    private static (ExperimentEntry Experiment, string Checkpoint) EvaluateTarget(Catalog catalog, string run, string runsRoot)
    {
        if (!Directory.Exists(run))
        {
            var experiment = catalog.Find(run);
            return (experiment, new RunStore(runsRoot).LatestCheckpoint(experiment.Name)
                ?? throw new FileNotFoundException($"{experiment.Name} has no finished run under {runsRoot} to evaluate: run or import it first."));
        }
        var folder = Path.GetFullPath(run).TrimEnd(Path.DirectorySeparatorChar);
        var checkpoint = Path.Combine(folder, RunStore.CheckpointFolder);
        if (!Models.Checkpoint.Exists(checkpoint)) throw new FileNotFoundException($"{run} is not a finished run folder: it has no {RunStore.CheckpointFolder}/ with a model.");
        return (catalog.Find(Path.GetFileName(Path.GetDirectoryName(folder))!), checkpoint);
    }

    /// <summary>The first parse error as one line, with the known names closest to a mistyped token.</summary>
    private static string Explain(ParseResult parsed)
    {
        var message = parsed.Errors[0].Message.TrimEnd('.') + ".";
        var unmatched = parsed.UnmatchedTokens.FirstOrDefault();
        if (unmatched is null) return message;
        var command = parsed.CommandResult.Command;
        var known = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Concat(command.Subcommands.Select(c => c.Name));
        return message + Suggestions.For(unmatched, known.Where(k => k.StartsWith('-') == unmatched.StartsWith('-')));
    }

    private static RunOptions Options(ParseResult parsed, HostCommands commands)
    {
        var judge = parsed.GetValue(commands.Judge) ?? Judging.Judges.Gym;
        // An LLM judge's missing settings fail the command now (exit 1), not at the run's first evaluation.
        if (judge == Judging.Judges.Llm) _ = Judging.LlmJudgeOptions.FromEnvironment();
        var resume = parsed.GetResult(commands.Resume) is null ? null : parsed.GetValue(commands.Resume) ?? "latest";
        return new RunOptions
        {
            OutputRoot = OutputRoot(parsed.GetValue(commands.Out)!, mustBeWritable: true),
            Device = parsed.GetValue(commands.Device)!,
            Steps = parsed.GetValue(commands.Steps),
            LearningRate = parsed.GetValue(commands.LearningRate),
            BatchSize = parsed.GetValue(commands.BatchSize),
            Beta = parsed.GetValue(commands.Beta),
            Seed = parsed.GetValue(commands.Seed),
            Threads = parsed.GetValue(commands.Threads),
            Judge = judge,
            JudgeTimeoutSeconds = parsed.GetValue(commands.JudgeTimeout),
            JudgeRetries = parsed.GetValue(commands.JudgeRetries),
            JudgeMaxReplyBytes = parsed.GetValue(commands.JudgeMaxReplyBytes),
            Resume = resume,
        };
    }

    /// <summary>The <c>--out</c> folder; for a run it must be a folder this process can write (created if missing).</summary>
    private static string OutputRoot(string root, bool mustBeWritable)
    {
        if (File.Exists(root)) throw new UsageException($"--out {root} is a file; give a folder for the run folders");
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
            throw new UsageException($"--out {root} cannot be written ({e.Message.TrimEnd('.')}); give a folder you can write to");
        }
        return root;
    }
}
