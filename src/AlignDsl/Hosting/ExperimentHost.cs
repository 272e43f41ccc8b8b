using AlignDsl.Data;
using AlignDsl.Running;

namespace AlignDsl.Hosting;

/// <summary>
/// The command-line host an experiments project calls from <c>Main</c>:
/// <code>
///   (no arguments)        run the default experiment and the experiments it starts from, in order
///   list [--json]         the experiments, with objective, data, resident models and estimated memory
///   describe NAME         one experiment in detail
///   run NAME [--steps N] [--device auto|cpu|cuda] [--out DIR] [--seed N] [--judge gym|llm]
///   score --model FOLDER|RUN (--ids 1,2,3 | --text "…") [--out DIR]
/// </code>
/// Exit codes: 0 success, 1 the run failed (bad data, a broken rule), 2 a bad command line.
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
                    command.Allow("steps", "device", "out", "seed", "judge");
                    await new Pipeline(catalog, Options(command), output).RunChainAsync(catalog.Find(Single(command, "run")), freshAncestors: false, cancel.Token);
                    return 0;
                case "score":
                    command.Allow("model", "ids", "text", "out");
                    output.WriteLine(ScoreCommand.Run(command.Get("model"), command.Get("ids"), command.Get("text"), command.Get("out") ?? "runs"));
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
        catch (OperationCanceledException)
        {
            error.WriteLine("Cancelled; the unfinished run folder was removed.");
            return 1;
        }
        catch (Exception e) when (e is DataFormatException or Rules.RuleViolationException or FileNotFoundException or ArgumentException or InvalidOperationException
            or NotSupportedException or InvalidDataException)
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
          score --model M (--ids 1,2,3 | --text "...")
                                    each token's log-probability under a model folder, a run folder or an experiment's newest run, as JSON

        Options for run:
          --steps N                 train for N steps instead of the declared number
          --device auto|cpu|cuda    where to train (default auto: CUDA when present)
          --out DIR                 where run folders go (default ./runs)
          --seed N                  seed for data order, initialisation and sampling
          --judge gym|llm           who reads answers in judged suites (default gym; llm needs ALIGNDSL_JUDGE_ENDPOINT and ALIGNDSL_JUDGE_MODEL)
        """;

    private static RunOptions Options(CommandLine command) => new()
    {
        OutputRoot = command.Get("out") ?? "runs",
        Device = command.Get("device") ?? "auto",
        Steps = command.GetInt("steps"),
        Seed = command.GetInt("seed"),
        Judge = JudgeName(command.Get("judge")),
    };

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
