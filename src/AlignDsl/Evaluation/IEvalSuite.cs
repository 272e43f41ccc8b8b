namespace AlignDsl.Evaluation;

/// <summary>
/// An evaluation suite an experiment can declare with <c>[EvalSuite(typeof(...))]</c> or <c>.Evaluate(e => e.Suite&lt;T&gt;())</c>;
/// the generator checks at compile time that the type implements this interface and has a public parameterless
/// constructor. The harness runs it before training, every <c>EvalEvery</c> steps and after training.
/// </summary>
public interface IEvalSuite
{
    /// <summary>The suite's name in reports and <c>summary.json</c>, in snake case (e.g. <c>red_team</c>).</summary>
    string Name { get; }

    /// <summary>Figures in snake case; they become keys of <c>summary.json</c>'s <c>eval</c> sections.</summary>
    Task<SuiteResult> RunAsync(EvalContext context, CancellationToken cancellationToken);
}
