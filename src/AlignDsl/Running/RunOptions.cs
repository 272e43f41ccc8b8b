namespace AlignDsl.Running;

/// <summary>Run-time choices that override a declaration: from the command line or a test.</summary>
public sealed record RunOptions
{
    /// <summary>Where run folders go: <c>&lt;OutputRoot&gt;/&lt;experiment&gt;/&lt;timestamp&gt;/</c>.</summary>
    public string OutputRoot { get; init; } = "runs";

    /// <summary>auto (CUDA when present), cpu or cuda.</summary>
    public string Device { get; init; } = "auto";

    public int? Steps { get; init; }

    /// <summary>The peak learning rate instead of the declared one.</summary>
    public double? LearningRate { get; init; }

    /// <summary>The batch size instead of the declared one.</summary>
    public int? BatchSize { get; init; }

    /// <summary>The objective's β instead of the declared one (PPO: its KL coefficient); an objective without β refuses it.</summary>
    public double? Beta { get; init; }

    public int? Seed { get; init; }

    /// <summary>libtorch's CPU threads instead of the declared number (null: keep it; the declared 0 chooses by model size).</summary>
    public int? Threads { get; init; }

    /// <summary>Who reads answers for the judged suites: gym (the exact ground-truth judge) or llm (an OpenAI-compatible endpoint, from the environment).</summary>
    public string Judge { get; init; } = "gym";

    /// <summary>The LLM judge's per-request timeout, retries and reply-size cap, over the environment's (null: keep it).</summary>
    public double? JudgeTimeoutSeconds { get; init; }
    public int? JudgeRetries { get; init; }
    public long? JudgeMaxReplyBytes { get; init; }

    /// <summary>Continue a stopped run instead of starting one: its incomplete folder, or <c>latest</c>.</summary>
    public string? Resume { get; init; }

    /// <summary>
    /// Evaluate these weights (a checkpoint folder, e.g. of a run imported from TRL) instead of training: the run evaluates
    /// its starting point before, loads them, trains no step, and evaluates them after, with the same suites and report.
    /// </summary>
    public string? EvaluateWeights { get; init; }
}
