using AlignDsl.Checkpointing;
using static TorchSharp.torch;

namespace AlignDsl.Training;

/// <summary>
/// PPO's adaptive KL coefficient (Ziegler et al. 2019, TRL's <c>AdaptiveKLController</c>): after each rollout,
/// error = clip(KL / target − 1, −0.2, 0.2) and β ← β·(1 + error·n / horizon), where KL is the rollout's mean KL to the
/// reference per answer (nats, summed over its tokens) and n the answers it sampled. β rises while the policy drifts
/// further than the target and falls while it stays closer. A checkpoint holds β, so a resumed run continues exactly.
/// </summary>
public sealed class AdaptiveKlController(double initial, double target, int horizon) : ICheckpointed
{
    /// <summary>How far one update may move β relative to the horizon: the error's clip.</summary>
    public const double MaxError = 0.2;

    /// <summary>β for the next rollout.</summary>
    public double Value { get; private set; } = initial;

    public double Target => target;

    /// <summary>Moves β after a rollout of <paramref name="answers"/> answers whose mean KL per answer was <paramref name="kl"/>.</summary>
    public void Update(double kl, int answers)
    {
        var error = Math.Clamp(kl / target - 1, -MaxError, MaxError);
        Value *= 1 + error * answers / horizon;
    }

    /// <summary>Moves β by a rollout's per-answer KL [rows] (a device read: the next rollout needs β on the host).</summary>
    public void Update(Tensor kl) => Update(kl.mean().item<float>(), (int)kl.shape[0]);

    /// <summary>β as TRL logged it (<c>objective/kl_coef</c>), a scalar on <paramref name="device"/> for the run's metrics.</summary>
    public IEnumerable<(string Name, Tensor Value)> Metrics(Device device)
    {
        yield return ("objective/kl_coef", tensor(Value, device: device));
    }

    void ICheckpointed.Save(BinaryWriter writer) => writer.Write(Value);

    void ICheckpointed.Load(BinaryReader reader) => Value = reader.ReadDouble();
}
