using System.Buffers;
using System.Runtime.InteropServices;

namespace Rapport.Redis.Internal;

/// <summary>The float32 little-endian vector at the end of a value read from Redis, seen as floats without a copy.</summary>
/// <remarks>
/// A cold load reads thousands of values only to copy their vectors into a snapshot's columns: decoding each into its own
/// <c>float[]</c> first cost 15 MB and a second copy for 10k memories of 384 dimensions. The view keeps the value alive
/// for as long as an entry refers to it (only while the snapshot is built). The vector may start at any byte offset:
/// .NET reads floats unaligned on every platform it runs this store on (little-endian, checked on use).
/// </remarks>
internal sealed class StoredVector : MemoryManager<float>
{
    private readonly byte[] _value;
    private readonly int _offset;
    private readonly int _length;

    private StoredVector(byte[] value, int offset, int length)
    {
        _value = value;
        _offset = offset;
        _length = length;
    }

    /// <summary>Returns the floats of <paramref name="value"/> from byte <paramref name="offset"/> to its end (a trailing
    /// partial float is ignored).</summary>
    public static ReadOnlyMemory<float> Of(byte[] value, int offset)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The Redis store stores vectors little-endian.");
        }

        var length = (value.Length - offset) / sizeof(float);
        return length == 0 ? ReadOnlyMemory<float>.Empty : new StoredVector(value, offset, length).Memory;
    }

    /// <inheritdoc/>
    public override Span<float> GetSpan() => MemoryMarshal.Cast<byte, float>(_value.AsSpan(_offset, _length * sizeof(float)));

    /// <summary>Not supported: the entries a load builds are read as spans, never pinned (a pointer needs unsafe code).</summary>
    public override MemoryHandle Pin(int elementIndex = 0) =>
        throw new NotSupportedException("A stored vector is read as a span; copy it to pin it.");

    /// <inheritdoc/>
    public override void Unpin()
    {
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
    }
}
