using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using AlignDsl.Running;
using static TorchSharp.torch;

namespace AlignDsl.Checkpointing;

/// <summary>
/// A run's checkpoints: <c>checkpoints/step-NNNNNN/</c>, each written under a temporary name and renamed into place,
/// holding <c>model/</c> (the published model, loadable like a finished run's), <c>state.bin</c> (every trained
/// model's parameters, optimiser states, generator and torch RNG states, metric window) and <c>state.json</c>
/// (<see cref="CheckpointInfo"/>). The newest <c>keep</c> are kept.
/// </summary>
public static class CheckpointStore
{
    public const string Folder = "checkpoints", ModelFolder = "model", StateFile = "state.bin", InfoFile = "state.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string PathOf(string runDirectory, int step) =>
        Path.Combine(runDirectory, Folder, "step-" + step.ToString("D6", CultureInfo.InvariantCulture));

    /// <summary>The newest complete checkpoint of a run folder, if any.</summary>
    public static string? Latest(string runDirectory)
    {
        var folder = Path.Combine(runDirectory, Folder);
        if (!Directory.Exists(folder)) return null;
        return Directory.GetDirectories(folder, "step-*")
            .Where(d => !Path.GetFileName(d).Contains('.') && File.Exists(Path.Combine(d, InfoFile)))
            .OrderDescending(StringComparer.Ordinal)
            .FirstOrDefault();
    }

    public static int? LatestStep(string runDirectory) =>
        Latest(runDirectory) is { } latest ? int.Parse(Path.GetFileName(latest)["step-".Length..], CultureInfo.InvariantCulture) : null;

    public static void Write(string runDirectory, CheckpointInfo info, TrainingState state, int keep)
    {
        var directory = PathOf(runDirectory, info.Step);
        Directory.CreateDirectory(Path.GetDirectoryName(directory)!);
        AtomicFolder.Write(directory, temporary =>
        {
            state.Published?.Save(Path.Combine(temporary, ModelFolder));
            using (var writer = new BinaryWriter(File.Create(Path.Combine(temporary, StateFile))))
            {
                TrainingState.WriteBytes(writer, random.get_rng_state());
                state.Save(writer);
            }
            File.WriteAllText(Path.Combine(temporary, InfoFile), JsonSerializer.Serialize(info, Json));
        });
        foreach (var old in Directory.GetDirectories(Path.Combine(runDirectory, Folder), "step-*")
                     .Where(d => !Path.GetFileName(d).Contains('.'))
                     .OrderDescending(StringComparer.Ordinal).Skip(Math.Max(1, keep)))
            Directory.Delete(old, recursive: true);
    }

    public static CheckpointInfo ReadInfo(string checkpoint) =>
        JsonSerializer.Deserialize<CheckpointInfo>(File.ReadAllText(Path.Combine(checkpoint, InfoFile)), Json)
        ?? throw new InvalidDataException($"{checkpoint}/{InfoFile} is empty.");

    /// <summary>Restores the torch RNG and every registered part of <paramref name="state"/> from a checkpoint.</summary>
    public static void Restore(string checkpoint, TrainingState state, Device device)
    {
        using var reader = new BinaryReader(File.OpenRead(Path.Combine(checkpoint, StateFile)));
        using (var rng = TrainingState.ReadBytes(reader)) random.set_rng_state(rng);
        state.Load(reader, device);
    }
}
