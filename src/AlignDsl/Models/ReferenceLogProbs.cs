using AlignDsl.Data;
using static TorchSharp.torch;

namespace AlignDsl.Models;

/// <summary>The reference model's completion log-probs for a batch: run live, or looked up after precomputation.</summary>
public interface IReferenceLogProbs
{
    SequenceLogProbs For(SequenceTensors batch);
}

/// <summary>A frozen reference model, run without gradients on each batch.</summary>
public sealed class LiveReference(Policy reference) : IReferenceLogProbs
{
    public SequenceLogProbs For(SequenceTensors batch)
    {
        using var _ = no_grad();
        return reference.CompletionLogProbs(batch);
    }
}

/// <summary>
/// The reference of a policy trained with LoRA: the same model with its adapters switched off, run without gradients
/// on each batch. No second copy of the model is held (as TRL and PEFT do it).
/// </summary>
public sealed class BaseModelReference(Policy policy) : IReferenceLogProbs
{
    public SequenceLogProbs For(SequenceTensors batch)
    {
        using var _ = no_grad();
        using var off = Lora.LoraAdapters.Disabled(policy.Model);
        return policy.CompletionLogProbs(batch);
    }

    /// <summary>The base's per-token log-probs [rows, length − 1] (PPO's KL penalty), without gradients.</summary>
    public static Tensor TokenLogProbs(Policy policy, SequenceTensors batch)
    {
        using var _ = no_grad();
        using var off = Lora.LoraAdapters.Disabled(policy.Model);
        return policy.TokenLogProbs(batch);
    }
}

/// <summary>
/// The reference's log-probs of every row of a data set, computed in one pass and kept on the device, so the
/// reference model can be freed before training: each step then runs the policy only. Rows are looked up by the
/// batch's example indices: the first half of a batch's rows in slot 0 (chosen / matched), the second in slot 1.
/// </summary>
public sealed class PrecomputedReference : IReferenceLogProbs, IDisposable
{
    private readonly Tensor _sums, _tokens;

    private PrecomputedReference(Tensor sums, Tensor tokens)
    {
        _sums = sums;
        _tokens = tokens;
    }

    /// <param name="batches">Every example once, in index order (e.g. <c>PreferenceData.InOrder</c>).</param>
    public static PrecomputedReference Compute(Policy reference, IEnumerable<SequenceBatch> batches)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var (sums, tokens) = (new List<Tensor>(), new List<Tensor>());
        foreach (var batch in batches)
        {
            // A scope per batch: only the per-row results outlive it, not the batch's activations.
            using var batchScope = NewDisposeScope();
            var logProbs = reference.CompletionLogProbs(batch.ToDevice(reference.Device));
            sums.Add(logProbs.Sum.view(2, -1).MoveToOuterDisposeScope());
            tokens.Add(logProbs.Tokens.view(2, -1).MoveToOuterDisposeScope());
        }
        return new PrecomputedReference(cat(sums, 1).MoveToOuterDisposeScope(), cat(tokens, 1).MoveToOuterDisposeScope());
    }

    public SequenceLogProbs For(SequenceTensors batch)
    {
        var indices = batch.Indices ?? throw new InvalidOperationException("Precomputed reference log-probs need batches with example indices.");
        var half = indices.shape[0] / 2;
        var (first, second) = (indices[..(int)half], indices[(int)half..]);
        return new SequenceLogProbs(
            cat([_sums[0].index_select(0, first), _sums[1].index_select(0, second)]),
            cat([_tokens[0].index_select(0, first), _tokens[1].index_select(0, second)]));
    }

    public void Dispose()
    {
        _sums.Dispose();
        _tokens.Dispose();
    }
}
