namespace AlignDsl.Evaluation;

/// <summary>
/// An evaluation suite an experiment can declare with <c>[EvalSuite(typeof(...))]</c>. It returns named figures in
/// snake case (they become keys of <c>summary.json</c>'s <c>eval</c> sections).
/// </summary>
public interface IEvalSuite
{
    /// <summary>The suite's name in reports.</summary>
    string Name { get; }

    Task<IReadOnlyDictionary<string, double>> RunAsync(EvalContext context, CancellationToken cancellationToken);
}
