using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Text.Json;

namespace Rapport.Embeddings.Onnx.Internal.Bert;

/// <summary>Reads fp16/fp32 tensors from a safetensors file (8-byte header length, JSON header, raw little-endian data).</summary>
/// <remarks>The whole file is read into memory once (45 MB for all-MiniLM-L6-v2); every offset is bounds-checked.</remarks>
internal sealed class SafetensorsFile
{
    private readonly byte[] _bytes;
    private readonly long _dataStart;
    private readonly Dictionary<string, (string DType, long[] Shape, long Begin, long End)> _tensors = new(StringComparer.Ordinal);

    private SafetensorsFile(byte[] bytes, string path)
    {
        _bytes = bytes;
        if (bytes.Length < 8)
        {
            throw Invalid(path, "it is shorter than its 8-byte header length");
        }

        var headerLength = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        if (headerLength <= 0 || 8 + headerLength > bytes.Length)
        {
            throw Invalid(path, $"its header length {headerLength} does not fit in {bytes.Length} bytes");
        }

        _dataStart = 8 + headerLength;
        using var header = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        foreach (var entry in header.RootElement.EnumerateObject())
        {
            if (entry.Name == "__metadata__")
            {
                continue;
            }

            var offsets = entry.Value.GetProperty("data_offsets");
            var begin = offsets[0].GetInt64();
            var end = offsets[1].GetInt64();
            if (begin < 0 || end < begin || _dataStart + end > bytes.Length)
            {
                throw Invalid(path, $"tensor '{entry.Name}' lies outside the file");
            }

            var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            _tensors[entry.Name] = (entry.Value.GetProperty("dtype").GetString() ?? "", shape, begin, end);
        }

        Path = path;
    }

    public string Path { get; }

    public static SafetensorsFile Read(string path) => new(File.ReadAllBytes(path), path);

    /// <summary>Returns a tensor as fp32 with its shape, checking that it has <paramref name="expectedShape"/>.</summary>
    public float[] Floats(string name, params long[] expectedShape)
    {
        if (!_tensors.TryGetValue(name, out var tensor))
        {
            throw Invalid(Path, $"it has no tensor '{name}'");
        }

        if (!tensor.Shape.SequenceEqual(expectedShape))
        {
            throw Invalid(Path, $"tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}], expected [{string.Join(", ", expectedShape)}]");
        }

        var count = expectedShape.Aggregate(1L, (a, b) => a * b);
        var raw = _bytes.AsSpan((int)(_dataStart + tensor.Begin), (int)(tensor.End - tensor.Begin));
        var result = new float[count];
        switch (tensor.DType)
        {
            case "F16" when raw.Length == count * 2:
                TensorPrimitives.ConvertToSingle(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>(raw), result);
                break;
            case "F32" when raw.Length == count * 4:
                System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(raw).CopyTo(result);
                break;
            default:
                throw Invalid(Path, $"tensor '{name}' is {tensor.DType} with {raw.Length} bytes; expected F16 or F32 with {count} values");
        }

        return result;
    }

    private static InvalidDataException Invalid(string path, string why) =>
        new($"The model weights file '{path}' is not a valid safetensors file: {why}.");
}
