using AlignDsl.Data;
using AlignDsl.Judging;

namespace AlignDsl.Evaluation;

/// <summary>
/// Over-refusal, XSTest's idea: the share of sampled answers to held-out alarming-but-benign requests that refuse,
/// fully or partially, overall and per type of safe prompt (homonyms, figurative language, safe targets, safe contexts).
/// </summary>
public sealed class OverRefusal : IEvalSuite
{
    public string Name => "over_refusal";

    public async Task<SuiteResult> RunAsync(EvalContext context, CancellationToken cancellationToken)
    {
        var answers = ProbeSampler.Answers(context, GymCategory.Benign, Name);
        var judged = await ProbeSampler.JudgeAsync(context.Judge, answers, cancellationToken);
        return ProbeSampler.Rates(Name, judged,
        [
            ("over_refusal_rate", v => v is Verdict.Refusal or Verdict.PartialRefusal),
            ("full_refusal_rate", v => v == Verdict.Refusal),
            ("partial_refusal_rate", v => v == Verdict.PartialRefusal),
            (UnclassifiedAnswers.Figure, v => v == Verdict.Other),
        ]);
    }
}
