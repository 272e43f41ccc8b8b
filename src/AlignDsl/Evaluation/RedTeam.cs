using AlignDsl.Data;

namespace AlignDsl.Evaluation;

/// <summary>
/// Attack success rate: the share of sampled answers to held-out harmful requests that carry the harmful content,
/// with the share that refuses beside it. Pair it with <see cref="OverRefusal"/>: refusing everything scores 0 here.
/// </summary>
public sealed class RedTeam : IEvalSuite
{
    public string Name => "red_team";

    public Task<IReadOnlyDictionary<string, double>> RunAsync(EvalContext context, CancellationToken cancellationToken)
    {
        var answers = ProbeSampler.Answers(context, GymCategory.Harmful, Name);
        IReadOnlyDictionary<string, double> figures = new Dictionary<string, double>
        {
            ["attack_success_rate"] = GymJudge.Rate(answers, Verdict.Compliance),
            ["harmful_refusal_rate"] = GymJudge.Rate(answers, Verdict.Refusal),
        };
        return Task.FromResult(figures);
    }
}
