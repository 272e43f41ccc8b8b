using AlignDsl.Data;
using AlignDsl.Evaluation;

namespace AlignDsl.Tests.EndToEnd;

// A short run from the shared SFT start whose judged suites go through whatever judge the run is given, and a suite of
// the user's own.

[Experiment("test-judged")]
[Policy(InitFrom = typeof(TestSft))]
[Sft]
[GymData(GymTask.HelpfulHarmless)]
[Training(Steps = 2, BatchSize = 8, LearningRate = 1e-4, WarmupSteps = 0, LogEvery = 1)]
[EvalSuite(typeof(RedTeam)), EvalSuite(typeof(OverRefusal)), EvalSuite(typeof(WinRate)), EvalSuite(typeof(MeanAnswerLength))]
public partial class TestJudged;

/// <summary>A user's own suite: the mean length, in characters, of the policy's answers to the benign probes.</summary>
public sealed class MeanAnswerLength : IEvalSuite
{
    public string Name => "mean_answer_length";

    public Task<SuiteResult> RunAsync(EvalContext context, CancellationToken cancellationToken)
    {
        var policy = context.RequirePolicy(Name);
        var prompts = context.Probes.Where(p => p.Category == GymCategory.Benign).Select(p => p.Prompt).ToList();
        var answers = policy.Sample(prompts, context.MaxNewTokens, new TorchSharp.torch.Generator((ulong)context.Seed, policy.Device));
        return Task.FromResult(new SuiteResult(Name, new Dictionary<string, double> { ["mean_answer_characters"] = answers.Average(a => a.Length) }));
    }
}
