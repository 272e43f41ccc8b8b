using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlignDsl.Training;

/// <summary>
/// AdamW over the trainable parameters, with the learning-rate schedule and gradient clipping by global norm.
/// Clipping stays on the device: the norm is never read back inside the step. A bf16 model trains through fp32
/// master weights (<see cref="MasterWeights"/>): gradients, clipping, moments and updates are all fp32.
/// </summary>
public sealed class Optimizer : IDisposable
{
    private readonly AdamW _adamW;
    private readonly MasterWeights _masters;
    private readonly Parameter[] _parameters;
    private readonly double _maxGradNorm;
    private int _step;

    public Optimizer(IEnumerable<Parameter> parameters, LearningRateSchedule schedule, double weightDecay, double maxGradNorm)
    {
        _masters = new MasterWeights(parameters.Where(p => p.requires_grad).ToArray());
        _parameters = [.. _masters.Masters];
        Schedule = schedule;
        _maxGradNorm = maxGradNorm;
        _adamW = optim.AdamW(_parameters, lr: schedule.At(1), beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: weightDecay);
    }

    public LearningRateSchedule Schedule { get; }

    /// <summary>The rate used by the last <see cref="ClipAndStep"/>.</summary>
    public double LearningRate { get; private set; }

    /// <summary>The global gradient norm before clipping, from the last step; a device scalar for the metrics.</summary>
    public Tensor? GradNorm { get; private set; }

    public void ZeroGrad() => _adamW.zero_grad();

    /// <summary>Whether the model trains in low precision through fp32 master weights.</summary>
    public bool HasMasterWeights => _masters.Separate;

    /// <summary>Clips gradients to the global norm, sets this step's learning rate, and updates the parameters.</summary>
    public void ClipAndStep()
    {
        _step++;
        _masters.TakeGradients();
        // Each `grad` read is a new handle on the gradient: disposing it releases the handle, not the gradient.
        // Left to the garbage collector, such handles keep every step's gradients alive.
        var grads = _parameters.Select(p => p.grad).Where(g => g is not null).Select(g => g!).ToArray();
        try
        {
            // Per-tensor norms, then the norm of those: no gradient-sized temporaries.
            var norm = stack(grads.Select(g => linalg.vector_norm(g))).norm();
            if (_maxGradNorm > 0)
            {
                var scale = (_maxGradNorm / (norm + 1e-6)).clamp_max(1.0);
                foreach (var g in grads) g.mul_(scale);
            }
            GradNorm = norm;
        }
        finally
        {
            foreach (var g in grads) g.Dispose();
        }
        LearningRate = Schedule.At(_step);
        foreach (var group in _adamW.ParamGroups) group.LearningRate = LearningRate;
        _adamW.step();
        _masters.Publish();
    }

    /// <summary>Writes the schedule position, AdamW's state (moments, step counts) and any fp32 master weights, for a checkpoint.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(_step);
        writer.Write(LearningRate);
        _adamW.save_state_dict(writer);
        _masters.Save(writer);
    }

    /// <summary>Restores what <see cref="Save"/> wrote, into an optimiser over the same parameters.</summary>
    public void Load(BinaryReader reader)
    {
        _step = reader.ReadInt32();
        LearningRate = reader.ReadDouble();
        _adamW.load_state_dict(reader);
        _masters.Load(reader);
    }

    public void Dispose()
    {
        _adamW.Dispose();
        _masters.Dispose();
    }
}
