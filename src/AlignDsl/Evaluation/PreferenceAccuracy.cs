using static TorchSharp.torch;

namespace AlignDsl.Evaluation;

/// <summary>
/// Held-out preference accuracy: how often the model's reward ranks the chosen answer above the rejected one
/// (ties count half). With a reference the reward is DPO's implicit β·(log π − log π_ref), so a policy equal to
/// its reference scores exactly 0.5; without one it is the mean log-prob per completion token.
/// </summary>
public sealed class PreferenceAccuracy : IEvalSuite
{
    public string Name => "preference_accuracy";

    public Task<IReadOnlyDictionary<string, double>> RunAsync(EvalContext context, CancellationToken cancellationToken)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var margins = new List<Tensor>();
        foreach (var batch in context.HeldOutPairs.InOrder(batchSize: 32))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tensors = batch.ToDevice(context.Policy.Device);
            var (chosen, rejected) = context.Policy.CompletionLogProbs(tensors).SplitPairs();
            if (context.Reference is { } reference && context.Beta is { } beta)
            {
                var (refChosen, refRejected) = reference.CompletionLogProbs(tensors).SplitPairs();
                margins.Add(beta * ((chosen.Sum - refChosen.Sum) - (rejected.Sum - refRejected.Sum)));
            }
            else margins.Add(chosen.Mean - rejected.Mean);
        }
        var all = cat(margins).cpu();
        var accuracy = ((all > 0).to(ScalarType.Float32) + 0.5 * (all == 0).to(ScalarType.Float32)).mean().item<float>();
        IReadOnlyDictionary<string, double> figures = new Dictionary<string, double>
        {
            ["preference_accuracy"] = accuracy,
            ["preference_margin"] = all.mean().item<float>(),
        };
        return Task.FromResult(figures);
    }
}
