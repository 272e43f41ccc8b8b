namespace AlignDsl.Evaluation;

/// <summary>
/// What one suite found at one evaluation point: its figures (snake case, e.g. <c>attack_success_rate</c>), the same
/// figures per category where the suite breaks them down, and a reliability diagram where it measures calibration.
/// </summary>
public sealed record SuiteResult(string Suite, IReadOnlyDictionary<string, double> Figures)
{
    /// <summary>Per category (a harm category, an XSTest type, …): that category's figures.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> ByCategory { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, double>>();

    /// <summary>The bins of a reliability diagram (empty unless the suite measures calibration).</summary>
    public IReadOnlyList<ReliabilityBin> Reliability { get; init; } = [];

    public double? this[string figure] => Figures.TryGetValue(figure, out var value) ? value : null;
}

/// <summary>
/// One bin of a reliability diagram: the predictions whose confidence fell in [<see cref="Lower"/>, <see cref="Upper"/>),
/// their mean confidence and how often they were right.
/// </summary>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);
