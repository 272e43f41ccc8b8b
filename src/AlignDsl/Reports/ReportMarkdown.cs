using System.Globalization;
using System.Text;
using AlignDsl.Data.Quality;
using AlignDsl.Evaluation;

namespace AlignDsl.Reports;

/// <summary>
/// The text of <c>report.md</c>: what ran, every flat figure before and after, the safety suites per category side by
/// side (a policy that refuses everything wins the left block and loses the right one), the reward-model biases, the
/// annotators' agreement and the run's warnings, and the figures with relative links so the folder can be moved or zipped.
/// </summary>
internal static class ReportMarkdown
{
    private const string RedTeam = "red_team", OverRefusal = "over_refusal", Bias = "reward_model_bias";

    /// <summary>What each reward-model-bias figure tells (a figure not listed here is shown without a note).</summary>
    private static readonly Dictionary<string, string> BiasNotes = new()
    {
        ["length_correlation"] = "reward vs answer length; near 0 is unbiased",
        ["accuracy_chosen_shorter"] = "right and concise over right and padded",
        ["accuracy_chosen_longer"] = "padded but right over concise but wrong",
        ["sycophancy_accuracy"] = "the correction over agreeing with a false claim",
        ["ece"] = "expected calibration error; lower is better",
        ["brier"] = "Brier score; lower is better",
        ["nll"] = "negative log-likelihood of the preference; lower is better",
    };

    public static string Compose(RunResult result, ExperimentDescriptor experiment, string? device, IReadOnlyList<PlotOutcome> plots)
    {
        var text = new StringBuilder();
        text.AppendLine($"# {result.Experiment}").AppendLine().AppendLine(Summary(result, experiment, device)).AppendLine();
        Section(text, "Before and after", BeforeAfter(result.Before, result.After));
        Section(text, "Red team and over-refusal by category", Categories(result.Before, result.After));
        Section(text, "Reward-model bias", BiasTable(result.Before, result.After));
        Section(text, "Data quality", DataQuality(result.DataQuality));
        Section(text, "Settings and provenance", Provenance(result.Provenance));
        Section(text, "Guards", Guards(result.Guards));
        Section(text, "Warnings", result.Warnings.Count == 0 ? null : string.Concat(result.Warnings.Select(w => $"- {w.ReplaceLineEndings(" ")}{Environment.NewLine}")));
        Section(text, "Figures", plots.Count == 0 ? null : string.Concat(plots.Select(Figure)));
        return text.ToString().TrimEnd() + Environment.NewLine;
    }

    /// <summary>PPO's failure-mode guards: the bounds and action, then each signal that fired, or that none did.</summary>
    private static string? Guards(Guards.GuardReport? guards)
    {
        if (guards is null) return null;
        var text = new StringBuilder();
        var bounds = string.Join(", ", guards.Settings.Bounds().Select(b => $"{b.Name} {b.Value.ToString(CultureInfo.InvariantCulture)}"));
        text.AppendLine($"Action: {guards.Settings.Action.ToString().ToLowerInvariant()}; bounds: {bounds}.");
        text.AppendLine();
        if (guards.Events.Count == 0) return text.AppendLine("No guard fired.").ToString();
        text.AppendLine("| guard | signal | first step | times | what was seen |").AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var e in guards.Events)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {e.First.Guard} | {e.First.Signal} | {e.First.Step} | {e.Count} | {e.First.Message.Replace("|", "\\|", StringComparison.Ordinal)} |");
        return text.ToString();
    }

    private static string? Provenance(Reporting.RunProvenance? provenance)
    {
        if (provenance is null) return null;
        var text = new StringBuilder();
        if (provenance.Objective.Length > 0)
        {
            var settings = provenance.ObjectiveSettings.Select(h => FormattableString.Invariant($"{h.Name} {h.Value}{(provenance.Overrides.Contains(h.Name) ? " (command line)" : "")}"))
                .Concat(provenance.ObjectiveSwitches).ToList();
            text.AppendLine($"Objective: {provenance.Objective}{(settings.Count == 0 ? "" : ", " + string.Join(", ", settings))}.").AppendLine();
        }
        if (provenance.Rewards.Count > 0)
            text.AppendLine($"Reward: {string.Join(" + ", provenance.Rewards)}.").AppendLine();
        text.AppendLine("| setting | value |").AppendLine("| --- | --- |");
        foreach (var h in provenance.Hyperparameters)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {h.Name} | {h.Value.ToString(CultureInfo.InvariantCulture)}{(provenance.Overrides.Contains(h.Name) ? " (command line)" : "")} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- seed {provenance.Seed}, device {provenance.Device}, precision {provenance.Precision}");
        text.AppendLine($"- judge: {provenance.Judge.Kind}{(provenance.Judge.EndpointHost is { } host ? $" at {host}, model {provenance.Judge.Model}" : "")}");
        foreach (var file in provenance.DataFiles)
            text.AppendLine(CultureInfo.InvariantCulture, $"- data: `{file.Path}`, {file.Rows} rows, SHA-256 `{file.Sha256}`");
        foreach (var (experiment, run) in provenance.Parents.OrderBy(p => p.Key, StringComparer.Ordinal))
            text.AppendLine($"- parent `{experiment}`: `{run}`");
        text.AppendLine($"- AlignDsl {provenance.AlignDslVersion}{(provenance.GitCommit is { } commit ? $", project commit `{commit}`" : "")}");
        return text.ToString();
    }

    private static string Summary(RunResult result, ExperimentDescriptor experiment, string? device)
    {
        var parts = new List<string>
        {
            $"**{Catalogue.ObjectiveCatalogue.Of(result.Objective).Display}**",
            $"{result.Steps} steps",
            string.Create(CultureInfo.InvariantCulture, $"{result.Seconds:0.0} s"),
            string.Create(CultureInfo.InvariantCulture, $"{result.TokensPerSecond:0} tokens/s"),
        };
        if (device is not null) parts.Add($"device {device}");
        if (experiment.InitFrom is { } parent) parts.Add($"starts from `{parent}`");
        parts.Add($"data: {experiment.DataSource}");
        return string.Join(" · ", parts);
    }

    /// <summary>Every flat figure of either evaluation (the bias suite's have their own section), with the change.</summary>
    private static string? BeforeAfter(EvalReport before, EvalReport after)
    {
        var bias = after.Suite(Bias)?.Figures.Keys.SelectMany(f => new[] { f, $"{Bias}.{f}" }).ToHashSet() ?? [];
        var keys = after.Figures.Keys.Concat(before.Figures.Keys).Distinct().Where(k => !bias.Contains(k)).ToList();
        if (keys.Count == 0) return null;
        return Markdown.Table(["figure", "before", "after", "change"],
            keys.Select(k => (IReadOnlyList<string>)[k, Markdown.Number(before[k]), Markdown.Number(after[k]), Markdown.Change(before[k], after[k])]));
    }

    /// <summary>Two blocks in one table: attack success per harm category, then over-refusal per XSTest type.</summary>
    private static string? Categories(EvalReport before, EvalReport after)
    {
        var (harm, safe) = (SafetyComparison.RedTeam(before, after), SafetyComparison.OverRefusal(before, after));
        if (harm.Count == 0 && safe.Count == 0) return null;
        var rows = Enumerable.Range(0, Math.Max(harm.Count, safe.Count)).Select(i =>
        {
            var (category, asr) = i < harm.Count ? (harm[i].Category, Markdown.BeforeAfter(harm[i].Before, harm[i].After)) : ("", "");
            var (type, refusal) = i < safe.Count ? (safe[i].Category, Markdown.BeforeAfter(safe[i].Before, safe[i].After)) : ("", "");
            return (IReadOnlyList<string>)[category, asr, "", type, refusal];
        });
        return Markdown.Table(["harm category", "ASR before → after", "", "XSTest type", "over-refusal before → after"], rows);
    }

    private static string? BiasTable(EvalReport before, EvalReport after)
    {
        if (after.Suite(Bias) is not { } last) return null;
        var first = before.Suite(Bias);
        return Markdown.Table(["figure", "before", "after", "change", "what it tells"],
            last.Figures.Keys.Select(f => (IReadOnlyList<string>)
                [f, Markdown.Number(first?[f]), Markdown.Number(last[f]), Markdown.Change(first?[f], last[f]), BiasNotes.GetValueOrDefault(f, "")]));
    }

    private static string? DataQuality(AnnotationAgreement? agreement) => agreement is null ? null :
        Markdown.Table(["annotator agreement", "annotators", "items", "ties dropped"],
            [[agreement.Describe() + (agreement.IsLow ? " (low)" : ""), $"{agreement.Annotators}", $"{agreement.Items}", $"{agreement.TiesDropped}"]]);

    /// <summary>The figure's image link, or the line saying why it was skipped.</summary>
    internal static string Figure(PlotOutcome plot) => plot.Skipped is { } reason
        ? $"plot skipped: {plot.FileName}: {reason}{Environment.NewLine}{Environment.NewLine}"
        : $"![{plot.Title}]({plot.FileName}){Environment.NewLine}{Environment.NewLine}";

    private static void Section(StringBuilder text, string title, string? body)
    {
        if (body is null) return;
        text.AppendLine($"## {title}").AppendLine().AppendLine(body.TrimEnd()).AppendLine();
    }
}
