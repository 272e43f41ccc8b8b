using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlignDsl.Training;

/// <summary>
/// fp32 master copies of a model's low-precision (bf16) trainable weights: AdamW updates the masters, whose moments are
/// then fp32 too, and each step rounds them back into the model. Small updates that bf16 would lose accumulate in the
/// masters. fp32 weights are their own masters, so an fp32 model pays nothing.
/// </summary>
internal sealed class MasterWeights : IDisposable
{
    private readonly Parameter[] _model;
    private readonly Parameter[] _masters;

    public MasterWeights(Parameter[] model)
    {
        _model = model;
        using var _ = no_grad();
        _masters = model.Select(p => p.dtype == ScalarType.Float32 ? p : new Parameter(p.detach().to(ScalarType.Float32).clone())).ToArray();
    }

    /// <summary>What the optimiser updates: fp32 throughout.</summary>
    public IReadOnlyList<Parameter> Masters => _masters;

    /// <summary>Whether any weight is kept apart from the model (the model is not fp32).</summary>
    public bool Separate => _model.Where((p, i) => !ReferenceEquals(p, _masters[i])).Any();

    /// <summary>Gives each master the fp32 copy of its model weight's gradient; the model's own gradient is then dropped.</summary>
    public void TakeGradients()
    {
        for (var i = 0; i < _model.Length; i++)
        {
            if (ReferenceEquals(_model[i], _masters[i])) continue;
            using var grad = _model[i].grad;
            _masters[i].grad = grad?.to(ScalarType.Float32);
            _model[i].grad = null;
        }
    }

    /// <summary>Rounds the updated masters into the model's weights, and drops the masters' gradients.</summary>
    public void Publish()
    {
        using var _ = no_grad();
        for (var i = 0; i < _model.Length; i++)
        {
            if (ReferenceEquals(_model[i], _masters[i])) continue;
            _model[i].copy_(_masters[i]);
            _masters[i].grad = null;
        }
    }

    /// <summary>
    /// Writes the masters that differ from the model (the model's own weights lose their low bits); nothing for an fp32
    /// model, whose checkpoints keep the format they had.
    /// </summary>
    public void Save(BinaryWriter writer)
    {
        var separate = Enumerable.Range(0, _model.Length).Where(i => !ReferenceEquals(_model[i], _masters[i])).ToList();
        if (separate.Count == 0) return;
        writer.Write(separate.Count);
        foreach (var i in separate) _masters[i].detach().cpu().Save(writer);
    }

    public void Load(BinaryReader reader)
    {
        var separate = Enumerable.Range(0, _model.Length).Where(i => !ReferenceEquals(_model[i], _masters[i])).ToList();
        if (separate.Count == 0) return;
        var count = reader.ReadInt32();
        if (count != separate.Count) throw new InvalidDataException($"The checkpoint holds {count} fp32 master weights; this run's model has {separate.Count}: its precision differs.");
        using var _ = no_grad();
        foreach (var i in separate)
        {
            using var saved = TensorExtensionMethods.Load(reader);
            _masters[i].copy_(saved);
        }
        Publish();
    }

    public void Dispose()
    {
        for (var i = 0; i < _model.Length; i++)
            if (!ReferenceEquals(_model[i], _masters[i])) _masters[i].Dispose();
    }
}
