using AlignDsl.Data;
using AlignDsl.Models;
using AlignDsl.Tests.Training;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Models;

/// <summary>A saved reward model loads back frozen and scores as before; a policy checkpoint is no reward model.</summary>
public sealed class RewardModelCheckpointTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aligndsl-rm-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Loads_the_saved_weights_frozen()
    {
        using var policy = RolloutTests.SymbolPolicy(1);
        using var trained = RewardModel.FromPolicy(policy);
        using (no_grad())
        {
            // A head that is not the fresh default, so the comparison proves the head was loaded too.
            foreach (var p in trained.Parameters()) p.add_(0.1);
        }
        trained.Save(_directory);
        var batch = new SequenceBatch([new TokenizedSequence([5, 6, 7, 8, 1], 3), new TokenizedSequence([5, 6, 1], 2)]).ToDevice(CPU);

        using var loaded = Checkpoint.LoadRewardModel(_directory, CPU);

        Assert.True(trained.Rewards(batch).allclose(loaded.Rewards(batch), atol: 1e-6));
        Assert.All(loaded.Parameters(), p => Assert.False(p.requires_grad));
        Assert.False(loaded.Rewards(batch).requires_grad);
    }

    [Fact]
    public void A_policy_checkpoint_is_refused()
    {
        using var policy = RolloutTests.SymbolPolicy(1);
        policy.Save(_directory);
        var error = Assert.Throws<InvalidOperationException>(() => Checkpoint.LoadRewardModel(_directory, CPU));
        Assert.Contains("not a reward model", error.Message);
    }
}
