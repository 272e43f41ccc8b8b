using static TorchSharp.torch;

namespace AlignDsl.Evaluation;

/// <summary>
/// Held-out preference accuracy: how often the experiment's reward (<see cref="EvalContext.Scorer"/>) ranks the
/// chosen answer above the rejected one, ties counting half. DPO's implicit reward is exactly 0 for a policy equal to
/// its reference, so a DPO run starts at 0.5; reference-free objectives rank by mean log-prob, a reward model by its
/// scalar reward.
/// </summary>
public sealed class PreferenceAccuracy : IEvalSuite
{
    public string Name => "preference_accuracy";

    public Task<SuiteResult> RunAsync(EvalContext context, CancellationToken cancellationToken)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var margins = new List<Tensor>();
        foreach (var batch in context.HeldOutPairs.InOrder(batchSize: 32))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var batchScope = NewDisposeScope();
            var (chosen, rejected) = Data.Halves.Split(context.Scorer.Rewards(batch.ToDevice(context.Device)));
            margins.Add((chosen - rejected).MoveToOuterDisposeScope());
        }
        var all = cat(margins).cpu();
        var accuracy = ((all > 0).to(ScalarType.Float32) + 0.5 * (all == 0).to(ScalarType.Float32)).mean().item<float>();
        return Task.FromResult(new SuiteResult(Name, new Dictionary<string, double>
        {
            ["preference_accuracy"] = accuracy,
            ["preference_margin"] = all.mean().item<float>(),
        }));
    }
}
