using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace AlignDsl.Models.SafeTensors;

/// <summary>
/// The safetensors format: an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape
/// and byte range, then the raw little-endian data. Tensors are read one at a time, so loading never holds a second
/// copy of the whole model.
/// </summary>
public sealed class SafeTensorsFile : IDisposable
{
    private readonly FileStream _stream;
    private readonly long _dataStart;
    private readonly Dictionary<string, Entry> _entries;

    private sealed record Entry(string DType, long[] Shape, long Begin, long End);

    public SafeTensorsFile(string path)
    {
        Path = path;
        _stream = File.OpenRead(path);
        Span<byte> length = stackalloc byte[8];
        _stream.ReadExactly(length);
        var headerLength = BinaryPrimitives.ReadInt64LittleEndian(length);
        if (headerLength <= 0 || headerLength > _stream.Length - 8) throw new InvalidDataException($"{path} is not a safetensors file (header length {headerLength}).");
        var header = new byte[headerLength];
        _stream.ReadExactly(header);
        _dataStart = 8 + headerLength;
        _entries = [];
        foreach (var (name, node) in JsonNode.Parse(header)!.AsObject())
        {
            if (name == "__metadata__") continue;
            var offsets = node!["data_offsets"]!.AsArray();
            _entries[name] = new Entry(node["dtype"]!.GetValue<string>(), node["shape"]!.AsArray().Select(s => s!.GetValue<long>()).ToArray(),
                offsets[0]!.GetValue<long>(), offsets[1]!.GetValue<long>());
        }
    }

    public string Path { get; }

    public IReadOnlyCollection<string> Names => _entries.Keys;

    public long[] Shape(string name) => _entries[name].Shape;

    /// <summary>The tensor <paramref name="name"/> as stored (its own dtype), on the CPU.</summary>
    public Tensor Read(string name)
    {
        var entry = _entries[name];
        var dtype = ToScalarType(entry.DType, name);
        var result = empty(entry.Shape, dtype);
        var bytes = new byte[entry.End - entry.Begin];
        if (bytes.Length != result.NumberOfElements * result.ElementSize)
            throw new InvalidDataException($"{Path}: tensor '{name}' holds {bytes.Length} bytes, not the {result.NumberOfElements * result.ElementSize} its shape needs.");
        _stream.Position = _dataStart + entry.Begin;
        _stream.ReadExactly(bytes);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors data is little-endian.");
        result.bytes = bytes;
        return result;
    }

    /// <summary>Writes <paramref name="tensors"/> (contiguous copies are taken one at a time) with their own dtypes.</summary>
    public static void Write(string path, IEnumerable<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var list = tensors.ToList();
        var header = new JsonObject();
        if (metadata is not null) header["__metadata__"] = new JsonObject(metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value)));
        long offset = 0;
        foreach (var (name, tensor) in list)
        {
            var size = tensor.NumberOfElements * tensor.ElementSize;
            header[name] = new JsonObject
            {
                ["dtype"] = FromScalarType(tensor.dtype, name),
                ["shape"] = new JsonArray(tensor.shape.Select(s => (JsonNode?)s).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + size),
            };
            offset += size;
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        // Pad the header with spaces so the data starts 8-byte aligned, as the reference writer does.
        var padded = (json.Length + 7) / 8 * 8;
        using var stream = File.Create(path);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, padded);
        stream.Write(length);
        stream.Write(json);
        for (var i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var (_, tensor) in list)
        {
            using var cpu = tensor.detach().cpu().contiguous();
            stream.Write(cpu.bytes);
        }
    }

    internal static ScalarType ToScalarType(string dtype, string name) => dtype switch
    {
        "F32" => ScalarType.Float32,
        "F16" => ScalarType.Float16,
        "BF16" => ScalarType.BFloat16,
        "F64" => ScalarType.Float64,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        "U8" => ScalarType.Byte,
        "BOOL" => ScalarType.Bool,
        _ => throw new NotSupportedException($"Tensor '{name}' is stored as {dtype}; supported: F32, F16, BF16, F64, I64, I32, U8, BOOL."),
    };

    private static string FromScalarType(ScalarType dtype, string name) => dtype switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Float64 => "F64",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new NotSupportedException($"Tensor '{name}' has dtype {dtype}, which safetensors files here do not store."),
    };

    public void Dispose() => _stream.Dispose();
}
