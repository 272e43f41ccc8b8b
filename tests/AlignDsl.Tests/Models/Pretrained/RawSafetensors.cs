using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace AlignDsl.Tests.Models.Pretrained;

/// <summary>
/// A plain safetensors writer and reader written from the format's description, apart from the library's own,
/// so a fixture and the loader under test cannot share a mistake.
/// </summary>
internal static class RawSafetensors
{
    public static void Write(string path, IEnumerable<(string Name, Tensor Tensor)> tensors)
    {
        var header = new JsonObject();
        var blobs = new List<byte[]>();
        long offset = 0;
        foreach (var (name, t) in tensors)
        {
            var bytes = t.contiguous().bytes.ToArray();
            header[name] = new JsonObject
            {
                ["dtype"] = t.dtype switch { ScalarType.Float32 => "F32", ScalarType.BFloat16 => "BF16", ScalarType.Float16 => "F16", _ => throw new NotSupportedException() },
                ["shape"] = new JsonArray(t.shape.Select(s => (JsonNode?)s).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes.Length),
            };
            offset += bytes.Length;
            blobs.Add(bytes);
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        using var stream = File.Create(path);
        var length = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)json.Length);
        stream.Write(length);
        stream.Write(json);
        foreach (var blob in blobs) stream.Write(blob);
    }

    /// <summary>Every F32 tensor of a file, as float64 tensors, by name.</summary>
    public static Dictionary<string, Tensor> ReadFloat32(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        var result = new Dictionary<string, Tensor>();
        foreach (var entry in header.RootElement.EnumerateObject())
        {
            if (entry.Name == "__metadata__") continue;
            Assert.Equal("F32", entry.Value.GetProperty("dtype").GetString());
            var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(s => s.GetInt64()).ToArray();
            var begin = 8 + headerLength + entry.Value.GetProperty("data_offsets")[0].GetInt32();
            var end = 8 + headerLength + entry.Value.GetProperty("data_offsets")[1].GetInt32();
            var values = new float[(end - begin) / 4];
            for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(begin + 4 * i));
            result[entry.Name] = tensor(values).to_type(ScalarType.Float64).reshape(shape);
        }
        return result;
    }
}
