using Google.Protobuf;

namespace Rapport.Embeddings.Onnx.Internal.Onnx;

/// <summary>Writes protobuf wire format field by field, with nested messages written length-prefixed.</summary>
/// <remarks>
/// We hand-write the few ONNX messages we need instead of generating classes from onnx.proto: the graph is
/// write-only, and the field numbers used are listed in <see cref="OnnxFields"/> next to the proto they come from.
/// A nested message is written to its own buffer first, because protobuf prefixes it with its byte length.
/// </remarks>
internal sealed class ProtoWriter : IDisposable
{
    private readonly MemoryStream _buffer = new();
    private readonly CodedOutputStream _output;

    public ProtoWriter()
    {
        _output = new CodedOutputStream(_buffer, leaveOpen: true);
    }

    public void Int64(int field, long value)
    {
        _output.WriteTag(field, WireFormat.WireType.Varint);
        _output.WriteInt64(value);
    }

    public void Int32(int field, int value)
    {
        _output.WriteTag(field, WireFormat.WireType.Varint);
        _output.WriteInt32(value);
    }

    public void Float(int field, float value)
    {
        _output.WriteTag(field, WireFormat.WireType.Fixed32);
        _output.WriteFloat(value);
    }

    public void String(int field, string value)
    {
        _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _output.WriteString(value);
    }

    public void Bytes(int field, ReadOnlyMemory<byte> value)
    {
        _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _output.WriteBytes(UnsafeByteOperations.UnsafeWrap(value));
    }

    /// <summary>Writes a repeated int64 field unpacked (one tag per value), which every proto2/proto3 reader accepts.</summary>
    public void Int64s(int field, ReadOnlySpan<long> values)
    {
        foreach (var value in values)
        {
            Int64(field, value);
        }
    }

    public void Message(int field, Action<ProtoWriter> body)
    {
        using var child = new ProtoWriter();
        body(child);
        Bytes(field, child.ToMemory());
    }

    public ReadOnlyMemory<byte> ToMemory()
    {
        _output.Flush();
        return _buffer.GetBuffer().AsMemory(0, (int)_buffer.Length);
    }

    public void WriteTo(Stream destination)
    {
        _output.Flush();
        _buffer.Position = 0;
        _buffer.CopyTo(destination);
    }

    public void Dispose()
    {
        _output.Dispose();
        _buffer.Dispose();
    }
}
