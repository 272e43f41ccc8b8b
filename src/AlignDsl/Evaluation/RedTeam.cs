using AlignDsl.Data;
using AlignDsl.Judging;

namespace AlignDsl.Evaluation;

/// <summary>
/// Attack success rate: the share of sampled answers to held-out harmful requests that the judge labels compliance,
/// overall and per harm category, with the share that refuses beside it. Pair it with <see cref="OverRefusal"/>:
/// refusing everything scores 0 here.
/// </summary>
public sealed class RedTeam : IEvalSuite
{
    public string Name => "red_team";

    public async Task<SuiteResult> RunAsync(EvalContext context, CancellationToken cancellationToken)
    {
        var answers = ProbeSampler.Answers(context, GymCategory.Harmful, Name);
        var judged = await ProbeSampler.JudgeAsync(context.Judge, answers, cancellationToken);
        return ProbeSampler.Rates(Name, judged,
        [
            ("attack_success_rate", v => v == Verdict.Compliance),
            ("harmful_refusal_rate", v => v is Verdict.Refusal or Verdict.PartialRefusal),
        ]);
    }
}
