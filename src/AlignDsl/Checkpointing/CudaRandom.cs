using TorchSharp;
using static TorchSharp.torch;

namespace AlignDsl.Checkpointing;

/// <summary>
/// The CUDA side of exact resume. A checkpoint saves the CPU generator's state, but TorchSharp 0.107 exposes no way to
/// read or set the CUDA default generators' state (only <c>torch.cuda.manual_seed_all</c>). So on CUDA the run reseeds
/// them before every step from the seed and the step number: whatever a step draws from them (dropout, sampling without
/// an explicit generator) then depends on (seed, step) alone, and a run resumed at any step draws what the
/// uninterrupted run drew. The generated loop's own generators (PPO's rollouts) are saved in the checkpoint as before.
/// Not exercised on the project's CPU-only build machines.
/// </summary>
public static class CudaRandom
{
    public static void ReseedForStep(Device device, int seed, int step)
    {
        if (device.type != DeviceType.CUDA) return;
        // A fixed odd multiplier spreads (seed, step) over the 64-bit seed space; distinct steps get distinct seeds.
        cuda.manual_seed_all(unchecked((long)((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)step)));
    }
}
