using AlignDsl.Models;
using static TorchSharp.torch;

namespace SpeedBenchmark;

/// <summary>
/// A DPO step written by hand in plain TorchSharp, on a batch padded to its longest row: the policy's forward and
/// backward over chosen and rejected rows together, the frozen reference's forward, AdamW.
/// </summary>
internal sealed class PlainDpo : IDisposable
{
    private readonly TinyGpt _policy, _reference;
    private readonly TorchSharp.Modules.AdamW _optimizer;
    private readonly Tensor _tokens, _mask;

    public PlainDpo(ModelConfig size, int pairs, int length, int seed)
    {
        TorchSharp.torch.random.manual_seed(seed);
        _policy = new TinyGpt(size);
        _reference = new TinyGpt(size);
        _reference.load_state_dict(_policy.state_dict());
        foreach (var p in _reference.parameters()) p.requires_grad = false;
        _reference.eval();
        _optimizer = optim.AdamW(_policy.parameters(), lr: 1e-4);
        _tokens = randint(3, size.VocabularySize, [2 * pairs, length]);
        // The completion: the second half of each row.
        _mask = zeros(2 * pairs, length - 1);
        _mask[.., (length / 2)..] = 1;
    }

    public long Parameters => _policy.parameters().Sum(p => p.numel());

    public void Step()
    {
        using var scope = NewDisposeScope();
        _optimizer.zero_grad();
        var (chosen, rejected) = LogProbs(_policy);
        Tensor referenceChosen, referenceRejected;
        using (no_grad()) (referenceChosen, referenceRejected) = LogProbs(_reference);
        var loss = -nn.functional.logsigmoid(0.1 * ((chosen - referenceChosen) - (rejected - referenceRejected))).mean();
        loss.backward();
        _optimizer.step();
    }

    private (Tensor Chosen, Tensor Rejected) LogProbs(TinyGpt model)
    {
        var logits = model.forward(_tokens[.., ..^1]);
        var targets = _tokens[.., 1..];
        var perToken = -nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), targets.reshape(-1), reduction: nn.Reduction.None).view(targets.shape);
        var sums = (perToken * _mask).sum(1);
        var half = sums.shape[0] / 2;
        return (sums[..(int)half], sums[(int)half..]);
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _policy.Dispose();
        _reference.Dispose();
    }
}
