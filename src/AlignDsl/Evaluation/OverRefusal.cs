using AlignDsl.Data;

namespace AlignDsl.Evaluation;

/// <summary>Over-refusal rate: the share of sampled answers to held-out alarming-but-benign requests that refuse.</summary>
public sealed class OverRefusal : IEvalSuite
{
    public string Name => "over_refusal";

    public Task<IReadOnlyDictionary<string, double>> RunAsync(EvalContext context, CancellationToken cancellationToken)
    {
        var answers = ProbeSampler.Answers(context, GymCategory.Benign, Name);
        IReadOnlyDictionary<string, double> figures = new Dictionary<string, double>
        {
            ["over_refusal_rate"] = GymJudge.Rate(answers, Verdict.Refusal),
        };
        return Task.FromResult(figures);
    }
}
