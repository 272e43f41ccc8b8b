using System.Text.Json.Nodes;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlignDsl.Models.SafeTensors;

/// <summary>
/// The weights of a Hugging Face model folder: <c>model.safetensors</c>, or the shards listed by
/// <c>model.safetensors.index.json</c>. Loading copies tensor by tensor into a model's parameters, converting
/// bf16/fp16 on disk to the parameter's dtype.
/// </summary>
public static class WeightFiles
{
    public const string Single = "model.safetensors", Index = "model.safetensors.index.json";

    public static bool Exist(string directory) =>
        File.Exists(System.IO.Path.Combine(directory, Single)) || File.Exists(System.IO.Path.Combine(directory, Index));

    /// <summary>The safetensors files of <paramref name="directory"/>: the single file, or every shard the index names.</summary>
    public static IReadOnlyList<string> Files(string directory)
    {
        var single = System.IO.Path.Combine(directory, Single);
        if (File.Exists(single)) return [single];
        var index = System.IO.Path.Combine(directory, Index);
        if (!File.Exists(index)) throw new FileNotFoundException($"{directory} has neither {Single} nor {Index}.", single);
        var map = JsonNode.Parse(File.ReadAllText(index))?["weight_map"]?.AsObject()
            ?? throw new InvalidDataException($"{index} has no weight_map.");
        return map.Select(e => e.Value!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal)
            .Select(f => System.IO.Path.Combine(directory, f)).ToList();
    }

    /// <summary>
    /// Copies every tensor of the folder into the parameter of the same name. A parameter the files lack, a shape that
    /// differs, or a stored tensor the model has no place for (apart from <paramref name="ignored"/>) is an error:
    /// a partly loaded model would be silently wrong.
    /// </summary>
    public static void LoadInto(string directory, IReadOnlyDictionary<string, Parameter> parameters, Func<string, bool>? ignored = null) =>
        Load(directory, Files(directory), parameters, ignored);

    /// <summary>As <see cref="LoadInto"/>, from one safetensors file.</summary>
    public static void LoadFile(string path, IReadOnlyDictionary<string, Parameter> parameters) =>
        Load(System.IO.Path.GetDirectoryName(path) ?? ".", [path], parameters, null);

    private static void Load(string directory, IReadOnlyList<string> files, IReadOnlyDictionary<string, Parameter> parameters, Func<string, bool>? ignored)
    {
        var missing = new HashSet<string>(parameters.Keys);
        var unexpected = new List<string>();
        using var _ = no_grad();
        foreach (var path in files)
        {
            using var file = new SafeTensorsFile(path);
            foreach (var name in file.Names)
            {
                if (!parameters.TryGetValue(name, out var target))
                {
                    if (ignored?.Invoke(name) != true) unexpected.Add(name);
                    continue;
                }
                using var stored = file.Read(name);
                if (!stored.shape.SequenceEqual(target.shape))
                    throw new InvalidDataException($"{path}: '{name}' has shape [{string.Join(", ", stored.shape)}]; the model built from config.json expects [{string.Join(", ", target.shape)}].");
                target.copy_(stored);
                missing.Remove(name);
            }
        }
        if (missing.Count > 0)
            throw new InvalidDataException($"{directory}: the weights lack {missing.Count} tensor(s) the model needs, e.g. {string.Join(", ", missing.Order().Take(3))}.");
        if (unexpected.Count > 0)
            throw new InvalidDataException($"{directory}: the weights hold tensor(s) this architecture does not have, e.g. {string.Join(", ", unexpected.Order().Take(3))}: is config.json the model's own?");
    }
}
