namespace AlignDsl.Evaluation;

/// <summary>
/// Every declared suite's result at one point of a run ("before", "step 100", "after"). <see cref="Figures"/> holds
/// all suites' figures in one flat map (the headline keys such as <c>attack_success_rate</c> live there); a name two
/// suites share is kept as <c>suite.figure</c>.
/// </summary>
public sealed record EvalReport(string Label, int Step, IReadOnlyList<SuiteResult> Suites)
{
    public IReadOnlyDictionary<string, double> Figures { get; } = Flatten(Suites);

    public double? this[string key] => Figures.TryGetValue(key, out var value) ? value : null;

    public SuiteResult? Suite(string name) => Suites.FirstOrDefault(s => s.Suite == name);

    private static Dictionary<string, double> Flatten(IReadOnlyList<SuiteResult> suites)
    {
        var shared = suites.SelectMany(s => s.Figures.Keys).GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        // A suite run twice at one point (only possible from hand-written code) keeps its last result.
        return suites.SelectMany(s => s.Figures.Select(f => (Key: shared.Contains(f.Key) ? $"{s.Suite}.{f.Key}" : f.Key, f.Value)))
            .GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Last().Value);
    }
}
