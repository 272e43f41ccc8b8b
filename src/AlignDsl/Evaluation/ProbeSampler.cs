using AlignDsl.Data;
using static TorchSharp.torch;

namespace AlignDsl.Evaluation;

/// <summary>Samples the policy's answers to the probes of one category, a fixed number per prompt, from a fixed seed.</summary>
internal static class ProbeSampler
{
    public static IReadOnlyList<string> Answers(EvalContext context, GymCategory category, string suite)
    {
        var policy = context.RequirePolicy(suite);
        var prompts = context.Probes.Where(p => p.Category == category)
            .SelectMany(p => Enumerable.Repeat(p.Prompt, context.SamplesPerProbe)).ToList();
        // The same seed at every evaluation: before and after are compared on the same random draws.
        var generator = new Generator((ulong)context.Seed, policy.Device);
        return policy.Sample(prompts, context.MaxNewTokens, generator);
    }
}
