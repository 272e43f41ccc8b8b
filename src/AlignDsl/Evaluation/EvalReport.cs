namespace AlignDsl.Evaluation;

/// <summary>The figures of every declared suite at one point of a run ("before", "step 100", "after").</summary>
public sealed record EvalReport(string Label, int Step, IReadOnlyDictionary<string, double> Figures)
{
    public double? this[string key] => Figures.TryGetValue(key, out var value) ? value : null;
}
