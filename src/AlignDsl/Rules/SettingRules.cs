using AlignDsl.Catalogue;

namespace AlignDsl.Rules;

/// <summary>
/// The checks that can run on constants: the generator calls them on attribute arguments, the runtime on
/// overrides. Each returns the violations it finds, naming the setting the bad value came from.
/// </summary>
public static class SettingRules
{
    /// <summary>
    /// A β (<paramref name="setting"/>: <c>Beta</c>, PPO's <c>KlCoefficient</c>): finite and greater than 0, with a warning
    /// outside the range the catalogue gives as typical for <paramref name="objective"/> (its display name).
    /// </summary>
    public static IEnumerable<RuleViolation> CheckBeta(string objective, string setting, double beta, (double Low, double High)? typical)
    {
        if (!IsFinite(beta))
        {
            yield return NotFinite(setting, beta);
            yield break;
        }
        if (!(beta > 0))
        {
            yield return new RuleViolation(RuleBook.BetaNotPositive, setting, setting, beta);
            yield break;
        }
        if (typical is { } range && (beta < range.Low || beta > range.High))
            yield return new RuleViolation(RuleBook.BetaOutsideTypicalRange, setting, setting, beta, range.Low, range.High, objective);
    }

    /// <summary>A loss weight or margin scale (ORPO's λ, KTO's class weights) must be positive.</summary>
    public static IEnumerable<RuleViolation> CheckWeight(string setting, double value)
    {
        if (!IsFinite(value)) yield return NotFinite(setting, value);
        else if (!(value > 0))
            yield return new RuleViolation(RuleBook.WeightNotPositive, setting, setting, value);
    }

    /// <summary>A margin or an optional term's weight (SimPO's γ and SFT weight, reward centring): 0 turns it off.</summary>
    public static IEnumerable<RuleViolation> CheckNotNegative(string setting, double value)
    {
        if (!IsFinite(value)) yield return NotFinite(setting, value);
        else if (!(value >= 0))
            yield return new RuleViolation(RuleBook.NegativeSetting, setting, setting, value);
    }

    public static IEnumerable<RuleViolation> CheckLabelSmoothing(double labelSmoothing)
    {
        if (!IsFinite(labelSmoothing)) yield return NotFinite("LabelSmoothing", labelSmoothing);
        else if (!(labelSmoothing >= 0 && labelSmoothing < 0.5))
            yield return new RuleViolation(RuleBook.LabelSmoothingOutOfRange, "LabelSmoothing", labelSmoothing);
    }

    public static IEnumerable<RuleViolation> CheckLearningRate(double learningRate)
    {
        if (!IsFinite(learningRate)) yield return NotFinite("LearningRate", learningRate);
        else if (!(learningRate > 0))
            yield return new RuleViolation(RuleBook.LearningRateNotPositive, "LearningRate", learningRate);
    }

    /// <summary>Steps, batch size and intervals: anything that counts must count at least one.</summary>
    public static IEnumerable<RuleViolation> CheckPositive(string setting, long value) => CheckAtLeast(setting, value, 1);

    /// <summary>A count with its own minimum: MaxLength 2 (a prompt and a completion token), WarmupSteps and EvalEvery 0.</summary>
    public static IEnumerable<RuleViolation> CheckAtLeast(string setting, long value, long minimum)
    {
        if (value < minimum)
            yield return new RuleViolation(RuleBook.CountNotPositive, setting, setting, minimum, value);
    }

    public static IEnumerable<RuleViolation> CheckModelShape(int modelDim, int heads)
    {
        if (heads >= 1 && modelDim >= 1 && modelDim % heads != 0)
            yield return new RuleViolation(RuleBook.ModelShapeInvalid, "Heads", modelDim, heads);
    }

    /// <summary>The SimPO authors tune γ/β between 0 and 1, starting at 0.5 (the default here).</summary>
    public static IEnumerable<RuleViolation> CheckSimPoMargin(double beta, double gamma)
    {
        if (IsFinite(beta) && IsFinite(gamma) && beta > 0 && gamma >= 0 && gamma / beta > 1)
            yield return new RuleViolation(RuleBook.SimPoMarginOutsideRange, "Gamma", gamma, beta, gamma / beta);
    }

    /// <summary>
    /// The range rules of an objective's settings, each by the check its catalogue entry names, then the checks between
    /// them. A setting whose default derives from another (SimPO's γ) is checked only when <paramref name="written"/>.
    /// </summary>
    public static IEnumerable<RuleViolation> CheckObjective(ObjectiveEntry entry, Func<string, double> value, Func<string, bool> written)
    {
        var violations = new List<RuleViolation>();
        foreach (var setting in entry.Settings)
        {
            if (setting.DefaultShareOf is not null && !written(setting.Name)) continue;
            violations.AddRange(CheckSetting(entry, setting, value(setting.Name)));
        }
        if (entry.CrossCheck is { } cross) violations.AddRange(cross(value, written));
        return violations;
    }

    /// <summary>One setting's value by the rule its catalogue entry names.</summary>
    public static IEnumerable<RuleViolation> CheckSetting(ObjectiveEntry entry, ObjectiveSetting setting, double value) => setting.Check switch
    {
        SettingCheck.Finite => CheckFinite(setting.Name, value),
        SettingCheck.Beta => CheckBeta(entry.Display, setting.Name, value, setting.Typical),
        SettingCheck.Weight => CheckWeight(setting.Name, value),
        SettingCheck.NotNegative => CheckNotNegative(setting.Name, value),
        SettingCheck.LabelSmoothing => CheckLabelSmoothing(value),
        SettingCheck.Positive => CheckPositive(setting.Name, (long)value),
        SettingCheck.Group => CheckGroup(entry.Display, setting.Name, (long)value),
        _ => [],
    };

    /// <summary>NaN and ±∞ pass a plain <c>&gt; 0</c> test on one side or the other; every number is checked for them first.</summary>
    public static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    private static RuleViolation NotFinite(string setting, double value) => new(RuleBook.NotFinite, setting, setting, value);

    /// <summary>A number with no range of its own (the reward model's margin) must still be a number.</summary>
    public static IEnumerable<RuleViolation> CheckFinite(string setting, double value)
    {
        if (!IsFinite(value)) yield return NotFinite(setting, value);
    }

    /// <summary>A memory budget: a budget of 0 or below would switch the memory check off, NaN would pass every estimate.</summary>
    public static IEnumerable<RuleViolation> CheckBudget(double gpuMemoryGiB)
    {
        if (!(IsFinite(gpuMemoryGiB) && gpuMemoryGiB > 0))
            yield return new RuleViolation(RuleBook.BudgetNotPositive, "GpuMemoryGiB", gpuMemoryGiB);
    }

    /// <summary>Weight decay and the gradient-norm clip: 0 turns each off, below 0 means nothing.</summary>
    public static IEnumerable<RuleViolation> CheckOptimizer(double weightDecay, double maxGradNorm) =>
        CheckNotNegative("WeightDecay", weightDecay).Concat(CheckNotNegative("MaxGradNorm", maxGradNorm));

    /// <summary>A warm-up as long as training never reaches the peak learning rate (checked where WarmupSteps is written).</summary>
    public static IEnumerable<RuleViolation> CheckWarmup(int warmupSteps, int steps)
    {
        if (steps >= 1 && warmupSteps >= steps)
            yield return new RuleViolation(RuleBook.WarmupNotBelowSteps, "WarmupSteps", warmupSteps, steps);
    }

    /// <summary>GRPO's and RLOO's baseline is the rest of an answer's group: a group needs two answers.</summary>
    public static IEnumerable<RuleViolation> CheckGroup(string objective, string setting, long generations)
    {
        if (generations < 2)
            yield return new RuleViolation(RuleBook.GroupTooSmall, setting, setting, generations, objective);
    }

    /// <summary>A PPO rollout keeps prompt and answer within MaxLength tokens: at least one token of prompt must fit.</summary>
    public static IEnumerable<RuleViolation> CheckAnswerFits(int maxNewTokens, int maxLength)
    {
        if (maxNewTokens >= 1 && maxLength >= 2 && maxNewTokens >= maxLength)
            yield return new RuleViolation(RuleBook.AnswerLongerThanSequence, "MaxNewTokens", maxNewTokens, maxLength);
    }

    /// <summary>
    /// ALIGN087: each PPO epoch splits the rollout's BatchSize × RolloutsPerPrompt rows into <paramref name="miniBatches"/>
    /// equal mini-batches (TRL requires the same of num_mini_batches). The message suggests the largest divisor not above it.
    /// </summary>
    public static IEnumerable<RuleViolation> CheckMiniBatches(int miniBatches, int batchSize, int rolloutsPerPrompt)
    {
        if (miniBatches < 1 || batchSize < 1 || rolloutsPerPrompt < 1) yield break;
        var rows = (long)batchSize * rolloutsPerPrompt;
        if (rows % miniBatches == 0) yield break;
        var divisor = Enumerable.Range(1, (int)Math.Min(miniBatches, rows)).Last(d => rows % d == 0);
        yield return new RuleViolation(RuleBook.MiniBatchesDoNotDivideRollout, "MiniBatches", miniBatches, rows, batchSize, rolloutsPerPrompt, divisor);
    }

    /// <summary>ALIGN088: a written KlHorizon does nothing while TargetKl is 0 (the adaptive controller is off).</summary>
    public static IEnumerable<RuleViolation> CheckKlController(double targetKl, bool klHorizonWritten)
    {
        if (klHorizonWritten && targetKl == 0) yield return new RuleViolation(RuleBook.KlHorizonWithoutTarget, "KlHorizon");
    }

    /// <summary>
    /// An enum setting whose value is no member (<c>(GymTask)99</c>): nothing can say which experiment was meant.
    /// <paramref name="members"/> are the enum's member names, in declaration order.
    /// </summary>
    public static IEnumerable<RuleViolation> CheckEnumMember(string setting, object value, string enumName, IReadOnlyList<string> members, bool isMember)
    {
        if (!isMember)
            yield return new RuleViolation(RuleBook.EnumValueUndefined, setting, setting, value, enumName, string.Join(", ", members.Select(m => enumName + "." + m)));
    }

    /// <summary>Characters no run folder may hold on some platform: separators, Windows' reserved ones, and control characters.</summary>
    private static readonly char[] UnsafeNameChars = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

    private static readonly string[] ReservedDeviceNames =
        ["CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"];

    /// <summary>
    /// The experiment name is the run folder under <c>--out</c> and the <c>run</c> command's argument: it must be one
    /// plain folder name on every platform, never a path that leaves <c>--out</c>.
    /// </summary>
    public static IEnumerable<RuleViolation> CheckExperimentName(string name)
    {
        var why = NameProblem(name);
        if (why is not null) yield return new RuleViolation(RuleBook.NameNotFolderSafe, "Name", Shown(name), why);
    }

    private static string? NameProblem(string name)
    {
        if (name.Trim().Length == 0) return "it is empty or only white space";
        if (name.Any(IsLineBreakOrControl)) return "it holds a control character (a line break, a tab or NUL)";
        if (name.IndexOfAny(UnsafeNameChars) >= 0) return "it holds a path separator or a character Windows forbids in file names (/ \\ : * ? \" < > |)";
        if (name == "." || name == "..") return "it names the current or the parent folder";
        if (name.Trim() != name || name.EndsWith(".", StringComparison.Ordinal)) return "it starts or ends with white space, or ends with a dot, which Windows drops";
        var stem = name.Split('.')[0];
        if (ReservedDeviceNames.Contains(stem.ToUpperInvariant())) return $"'{stem}' is a device name on Windows";
        return null;
    }

    private static bool IsLineBreakOrControl(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    /// <summary>A name or path for a message: control characters written as escapes, so a line break shows as \n.</summary>
    public static string Shown(string value)
    {
        var text = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
            text.Append(c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", '\0' => "\\0", _ when IsLineBreakOrControl(c) => "\\u" + ((int)c).ToString("x4"), _ => c.ToString() });
        return text.ToString();
    }

    /// <summary>
    /// A JSONL path is read relative to the directory the run starts in: it must name a file there, not an absolute
    /// path (it would not travel with the project) nor one that climbs out with '..'.
    /// </summary>
    public static IEnumerable<RuleViolation> CheckJsonlPath(string setting, string? path)
    {
        if (PathProblem(path) is { } why) yield return new RuleViolation(RuleBook.JsonlPathInvalid, setting, setting, why);
    }

    /// <summary>A pretrained model folder is found as a JSONL file is: relative to the working directory, inside it.</summary>
    public static IEnumerable<RuleViolation> CheckPretrainedPath(string? path)
    {
        if (PathProblem(path) is { } why) yield return new RuleViolation(RuleBook.PretrainedPathInvalid, "Pretrained", why);
    }

    private static string? PathProblem(string? path) =>
        path is null || path.Trim().Length == 0 ? "is empty"
        : path.Any(IsLineBreakOrControl) ? $"'{Shown(path)}' holds a control character or a line break"
        : IsAbsolute(path) ? $"'{path}' is absolute"
        : Escapes(path) ? $"'{path}' climbs out of the working directory with '..'"
        : null;

    /// <summary>LoRA's rank (≥ 1), α (&gt; 0, finite) and dropout (in [0, 1)).</summary>
    public static IEnumerable<RuleViolation> CheckLora(int rank, double alpha, double dropout)
    {
        if (rank < 1) yield return new RuleViolation(RuleBook.LoraSettingOutOfRange, "Rank", "Rank", "at least 1", rank);
        if (!(alpha > 0) || !IsFinite(alpha)) yield return new RuleViolation(RuleBook.LoraSettingOutOfRange, "Alpha", "Alpha", "a finite number greater than 0", alpha);
        if (!(dropout >= 0 && dropout < 1)) yield return new RuleViolation(RuleBook.LoraSettingOutOfRange, "Dropout", "Dropout", "in [0, 1)", dropout);
    }

    /// <summary>The module names of a LoRA Targets list ("q_proj, v_proj"), or null when it is empty or a name is not a module name.</summary>
    public static IReadOnlyList<string>? LoraTargets(string? targets)
    {
        if (targets is null || targets.Trim().Length == 0) return null;
        var names = targets.Split(',').Select(t => t.Trim()).ToList();
        return names.All(n => n.Length > 0 && n.All(c => char.IsLetterOrDigit(c) || c == '_')) ? names : null;
    }

    public static IEnumerable<RuleViolation> CheckLoraTargets(string? targets)
    {
        if (LoraTargets(targets) is null)
            yield return new RuleViolation(RuleBook.LoraTargetsInvalid, "Targets",
                targets is null || targets.Trim().Length == 0 ? "is empty" : $"'{Shown(targets)}' is not a comma-separated list of module names");
    }

    /// <summary>The held-out file is the training file, however the two paths are spelt.</summary>
    public static IEnumerable<RuleViolation> CheckHeldOut(string path, string? heldOut)
    {
        if (heldOut is not null && heldOut.Trim().Length > 0 && string.Equals(NormalisePath(path), NormalisePath(heldOut), StringComparison.OrdinalIgnoreCase))
            yield return new RuleViolation(RuleBook.HeldOutIsTrainingFile, "HeldOut", path);
    }

    /// <summary>A relative path with '/' separators and without '.' segments or '..' pairs: "./data//a/../b.jsonl" → "data/b.jsonl".</summary>
    public static string NormalisePath(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Trim().Replace('\\', '/').Split('/'))
        {
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] != "..") segments.RemoveAt(segments.Count - 1);
            else segments.Add(segment);
        }
        return string.Join("/", segments);
    }

    private static bool IsAbsolute(string path)
    {
        var p = path.Trim();
        return p.StartsWith("/", StringComparison.Ordinal) || p.StartsWith("\\", StringComparison.Ordinal) || p.StartsWith("~", StringComparison.Ordinal)
            || (p.Length >= 2 && char.IsLetter(p[0]) && p[1] == ':');
    }

    private static bool Escapes(string path) => NormalisePath(path).Split('/').FirstOrDefault() == "..";

    /// <summary>The counts and rates of a training plan.</summary>
    public static IEnumerable<RuleViolation> CheckTraining(double learningRate, int steps, int batchSize, int maxLength, int logEvery,
        int warmupSteps, int evalEvery) =>
        CheckLearningRate(learningRate)
            .Concat(CheckPositive("Steps", steps))
            .Concat(CheckPositive("BatchSize", batchSize))
            .Concat(CheckAtLeast("MaxLength", maxLength, 2))
            .Concat(CheckPositive("LogEvery", logEvery))
            .Concat(CheckAtLeast("WarmupSteps", warmupSteps, 0))
            .Concat(CheckAtLeast("EvalEvery", evalEvery, 0));

    /// <summary>How often a run saves checkpoints (0: only at the last step) and how many it keeps.</summary>
    public static IEnumerable<RuleViolation> CheckCheckpoints(int checkpointEvery, int keepCheckpoints) =>
        CheckAtLeast("CheckpointEvery", checkpointEvery, 0).Concat(CheckPositive("KeepCheckpoints", keepCheckpoints));

    public static IEnumerable<RuleViolation> CheckSequenceFits(int maxLength, int context)
    {
        if (maxLength > context)
            yield return new RuleViolation(RuleBook.SequenceTooLong, "MaxLength", maxLength, context);
    }

    /// <summary>
    /// The bounds of PPO's failure-mode guards (<c>[Guards]</c>): each must be a value at which its check can both pass
    /// and fire. NaN or ∞ is ALIGN045.
    /// </summary>
    public static IEnumerable<RuleViolation> CheckGuards(double maxKl, double klGrowthFactor, int window, double minEntropy, double minDistinctRatio,
        double maxLengthGrowth, double maxJudgeDrop)
    {
        var bounds = new (string Setting, double Value, bool Valid, string Range, string Why)[]
        {
            ("MaxKl", maxKl, maxKl > 0, "greater than 0", "the KL to the reference is never negative, so a bound of 0 would fire at every read; 20 nats per answer is the default"),
            ("KlGrowthFactor", klGrowthFactor, klGrowthFactor > 1, "greater than 1", "a factor of 1 or less would fire whenever the KL does not shrink; 5 is the default"),
            ("Window", window, window >= 2, "at least 2", "growth is measured between two metric reads"),
            ("MinEntropy", minEntropy, minEntropy >= 0, "0 or more", "entropy is never negative; 0 turns the check off"),
            ("MinDistinctRatio", minDistinctRatio, minDistinctRatio >= 0 && minDistinctRatio <= 1, "between 0 and 1", "it is a share of a rollout's answers; 0 turns the check off"),
            ("MaxLengthGrowth", maxLengthGrowth, maxLengthGrowth > 1, "greater than 1", "a factor of 1 or less would fire whenever answers do not shorten; 2 is the default"),
            ("MaxJudgeDrop", maxJudgeDrop, maxJudgeDrop >= 0 && maxJudgeDrop <= 1, "between 0 and 1", "win rate and preference accuracy are shares; 1 turns the check off"),
        };
        foreach (var (setting, value, valid, range, why) in bounds)
        {
            if (!IsFinite(value)) yield return NotFinite(setting, value);
            else if (!valid) yield return new RuleViolation(RuleBook.GuardBoundOutOfRange, setting, setting, range, value, why);
        }
    }

    /// <summary>ALIGN071: the growth and rising-reward checks compare reads <paramref name="window"/> − 1 apart, so the run must make that many.</summary>
    public static IEnumerable<RuleViolation> CheckGuardWindow(int window, int steps, int logEvery)
    {
        if (window < 2 || steps < 1 || logEvery < 1) yield break;
        // A read every LogEvery steps, and one at the last step.
        var reads = steps / logEvery + (steps % logEvery == 0 ? 0 : 1);
        if (window > reads) yield return new RuleViolation(RuleBook.GuardWindowLongerThanRun, "Window", window, reads, steps, logEvery);
    }
}
