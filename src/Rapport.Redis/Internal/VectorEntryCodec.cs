using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Rapport.Memory;
using Rapport.Search;

namespace Rapport.Redis.Internal;

/// <summary>The binary value of a user's <c>e</c> hash: what a search needs of one intervention.</summary>
/// <remarks>
/// Layout (little-endian): outcome (1 byte, first so that <c>outcome.lua</c> can rewrite it in place), layout
/// version (1 byte, 1), quality (double, NaN for none), created ticks, expires ticks, then kind, embedding model,
/// situation, text and session id (each a 2-byte length and UTF-8; length 0xFFFF for a missing session), then the
/// embedding as float32 to the end. Texts are at most 8,000 characters, so 2-byte lengths suffice. The words are
/// here so that lexical search can run over the same snapshot as the vector scan.
/// </remarks>
internal static class VectorEntryCodec
{
    private const byte Layout = 1;

    public static byte[] Encode(Intervention intervention)
    {
        byte[][] texts =
        [
            Encoding.UTF8.GetBytes(intervention.Kind), Encoding.UTF8.GetBytes(intervention.EmbeddingModel),
            Encoding.UTF8.GetBytes(intervention.Situation), Encoding.UTF8.GetBytes(intervention.Text),
            intervention.SessionId is null ? [] : Encoding.UTF8.GetBytes(intervention.SessionId),
        ];
        var vector = MemoryMarshal.AsBytes(intervention.Embedding.Span);
        var buffer = new byte[26 + texts.Sum(t => 2 + t.Length) + vector.Length];
        var span = buffer.AsSpan();
        span[0] = (byte)intervention.Outcome;
        span[1] = Layout;
        BinaryPrimitives.WriteDoubleLittleEndian(span[2..], intervention.Quality ?? double.NaN);
        BinaryPrimitives.WriteInt64LittleEndian(span[10..], intervention.CreatedAt.UtcTicks);
        BinaryPrimitives.WriteInt64LittleEndian(span[18..], intervention.ExpiresAt.UtcTicks);
        var offset = 26;
        for (var n = 0; n < texts.Length; n++)
        {
            offset = WriteText(span, offset, texts[n], missing: n == 4 && intervention.SessionId is null);
        }

        vector.CopyTo(span[offset..]);
        return buffer;
    }

    public static VectorEntry Decode(string id, ReadOnlySpan<byte> entry)
    {
        if (entry.Length < 36 || entry[1] != Layout)
        {
            throw new InvalidDataException($"The vector entry of '{id}' has an unknown layout.");
        }

        var quality = BinaryPrimitives.ReadDoubleLittleEndian(entry[2..]);
        var created = BinaryPrimitives.ReadInt64LittleEndian(entry[10..]);
        var expires = BinaryPrimitives.ReadInt64LittleEndian(entry[18..]);
        var offset = 26;
        var kind = ReadText(entry, ref offset)!;
        var model = ReadText(entry, ref offset)!;
        _ = ReadText(entry, ref offset); // situation: for lexical search
        _ = ReadText(entry, ref offset); // text: for lexical search
        _ = ReadText(entry, ref offset); // session id: for hybrid search's session neighbours
        return new VectorEntry(
            id,
            kind,
            (InterventionOutcome)entry[0],
            double.IsNaN(quality) ? null : quality,
            new DateTimeOffset(created, TimeSpan.Zero),
            new DateTimeOffset(expires, TimeSpan.Zero),
            model,
            Vector(entry[offset..]));
    }

    /// <summary>Returns the embedding stored in an entry.</summary>
    public static float[] ReadVector(ReadOnlySpan<byte> entry)
    {
        var offset = 26;
        for (var n = 0; n < 5; n++)
        {
            _ = ReadText(entry, ref offset);
        }

        return Vector(entry[offset..]);
    }

    private static float[] Vector(ReadOnlySpan<byte> bytes)
    {
        var vector = new float[bytes.Length / sizeof(float)];
        bytes[..(vector.Length * sizeof(float))].CopyTo(MemoryMarshal.AsBytes(vector.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The Redis store stores vectors little-endian.");
        }

        return vector;
    }

    private static int WriteText(Span<byte> span, int offset, byte[] text, bool missing = false)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], missing ? ushort.MaxValue : checked((ushort)text.Length));
        text.CopyTo(span[(offset + 2)..]);
        return offset + 2 + text.Length;
    }

    private static string? ReadText(ReadOnlySpan<byte> entry, ref int offset)
    {
        var length = BinaryPrimitives.ReadUInt16LittleEndian(entry[offset..]);
        if (length == ushort.MaxValue)
        {
            offset += 2;
            return null;
        }

        var text = Encoding.UTF8.GetString(entry.Slice(offset + 2, length));
        offset += 2 + length;
        return text;
    }
}
