using AlignDsl.Models;
using AlignDsl.Reporting;
using AlignDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AlignDsl.Checkpointing;

/// <summary>
/// What a generated loop registers for its checkpoints: every trained model with its optimiser (and schedule
/// position), every sampling generator, the metric window, and any other state it keeps (<see cref="ICheckpointed"/>). Together with the torch RNG state, which the run adds,
/// this is all a resumed run needs to continue bit for bit where the stopped one was.
/// </summary>
public sealed class TrainingState(MetricSet metrics)
{
    private readonly List<(string Name, ITrainableModel Model, Optimizer Optimizer)> _models = [];
    private readonly List<(string Name, Generator Generator)> _generators = [];
    private readonly List<(string Name, ICheckpointed Value)> _values = [];

    public MetricSet Metrics { get; } = metrics;

    /// <summary>The first registered model: the one the run publishes, saved loadable (weights and config) in each checkpoint.</summary>
    public ITrainableModel? Published => _models.Count > 0 ? _models[0].Model : null;

    public TrainingState Add(string name, ITrainableModel model, Optimizer optimizer)
    {
        _models.Add((name, model, optimizer));
        return this;
    }

    public TrainingState Add(string name, Generator generator)
    {
        _generators.Add((name, generator));
        return this;
    }

    public TrainingState Add(string name, ICheckpointed value)
    {
        _values.Add((name, value));
        return this;
    }

    internal void Save(BinaryWriter writer)
    {
        writer.Write(_models.Count);
        foreach (var (name, model, optimizer) in _models)
        {
            writer.Write(name);
            var parameters = model.Parameters().ToList();
            writer.Write(parameters.Count);
            foreach (var p in parameters) p.detach().cpu().Save(writer);
            optimizer.Save(writer);
        }
        writer.Write(_generators.Count);
        foreach (var (name, generator) in _generators)
        {
            writer.Write(name);
            WriteBytes(writer, generator.get_state());
        }
        Metrics.Save(writer);
        // Written last and only when registered, so checkpoints of loops that register none read as before.
        if (_values.Count == 0) return;
        writer.Write(_values.Count);
        foreach (var (name, value) in _values)
        {
            writer.Write(name);
            value.Save(writer);
        }
    }

    internal void Load(BinaryReader reader, Device device)
    {
        Expect(reader.ReadInt32(), _models.Count, "models");
        foreach (var (name, model, optimizer) in _models)
        {
            Expect(reader.ReadString(), name, "model");
            var parameters = model.Parameters().ToList();
            Expect(reader.ReadInt32(), parameters.Count, $"parameters of {name}");
            using (no_grad())
                foreach (var p in parameters)
                {
                    using var saved = TensorExtensionMethods.Load(reader);
                    if (!saved.shape.SequenceEqual(p.shape)) throw new InvalidDataException($"The checkpoint's {name} has another shape than the model built for this run.");
                    p.copy_(saved);
                }
            optimizer.Load(reader);
        }
        Expect(reader.ReadInt32(), _generators.Count, "generators");
        foreach (var (name, generator) in _generators)
        {
            Expect(reader.ReadString(), name, "generator");
            using var state = ReadBytes(reader);
            generator.set_state(state);
        }
        Metrics.Load(reader, device);
        if (_values.Count == 0) return;
        Expect(reader.BaseStream.Position < reader.BaseStream.Length ? reader.ReadInt32() : 0, _values.Count, "other state");
        foreach (var (name, value) in _values)
        {
            Expect(reader.ReadString(), name, "state");
            value.Load(reader);
        }
    }

    internal static void WriteBytes(BinaryWriter writer, Tensor state)
    {
        using (state)
        {
            var bytes = state.cpu().data<byte>().ToArray();
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
    }

    internal static Tensor ReadBytes(BinaryReader reader)
    {
        var bytes = reader.ReadBytes(reader.ReadInt32());
        return tensor(bytes, ScalarType.Byte);
    }

    private static void Expect<T>(T found, T expected, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(found, expected))
            throw new InvalidDataException($"The checkpoint does not match this experiment ({what}: {found} saved, {expected} now): was the declaration changed since the run started?");
    }
}
