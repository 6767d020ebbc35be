using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Collections.ObjectModel;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Rapport.Memory;
using Rapport.Search;

namespace Rapport.Redis.Internal;

/// <summary>The string value of an intervention key (<c>P:{u}:iv:&lt;id&gt;</c>, layout 2): the whole record in one value.</summary>
/// <remarks>
/// <para>
/// One value per record, written by a plain <c>MSETNX</c> (one per batch): the record never passes through Lua, whose
/// interpreter hashes every byte of every string it receives (about ten instructions a byte on Redis 7.0). The parts
/// that scripts read are fixed-width ASCII at the start, so a script reads them with <c>GETRANGE</c> and compares
/// instants as strings; the outcome script rewrites bytes 20-40 in place with <c>SETRANGE</c>.
/// </para>
/// <code>
/// offset  bytes
///  0      19  expires-at ticks, 19 ASCII digits
/// 19       1  layout, '2'
/// 20       1  outcome, ASCII digit
/// 21       1  rating, ASCII digit, '0' for none
/// 22      19  outcome-at ticks, 19 ASCII digits, or 19 spaces for none
/// 41      19  created-at ticks, 19 ASCII digits
/// 60       8  quality, float64 little-endian, NaN for none
/// 68          kind, embedding model, situation, text, session id, tool, scores JSON, metadata JSON:
///             each a uint32 little-endian byte length and UTF-8 (0xFFFFFFFF: none; JSON length 0: empty)
///             then the embedding, float32 little-endian, to the end
/// </code>
/// <para>
/// Kind comes first among the texts so that a fixed prefix (<see cref="SummaryPrefixLength"/> bytes) holds everything a
/// profile summary needs.
/// </para>
/// </remarks>
internal static class InterventionValue
{
    /// <summary>Bytes before the variable part.</summary>
    public const int HeaderLength = 68;

    /// <summary>Bytes that hold the header and the kind (at most 64 ASCII characters), read by <c>summary.lua</c>.</summary>
    public const int SummaryPrefixLength = HeaderLength + 4 + MemoryLimits.MaxNameLength;

    /// <summary>Offset of the 21 bytes that <see cref="OutcomePatch"/> replaces.</summary>
    public const int OutcomeOffset = 20;

    private const byte Layout = (byte)'2';
    private const uint Missing = uint.MaxValue;
    private static readonly StandardFormat Ticks19 = new('D', 19);

    /// <summary>Encodes a validated intervention.</summary>
    public static byte[] Encode(Intervention i)
    {
        var scores = i.Scores.Count == 0 ? [] : JsonSerializer.SerializeToUtf8Bytes(Dictionary(i.Scores), RedisJson.Default.DictionaryStringDouble);
        var metadata = i.Metadata.Count == 0 ? [] : JsonSerializer.SerializeToUtf8Bytes(Dictionary(i.Metadata), RedisJson.Default.DictionaryStringString);
        var vector = MemoryMarshal.AsBytes(i.Embedding.Span);
        var size = HeaderLength + (8 * 4) + Utf8(i.Kind) + Utf8(i.EmbeddingModel) + Utf8(i.Situation) + Utf8(i.Text)
            + Utf8(i.SessionId) + Utf8(i.Tool) + scores.Length + metadata.Length + vector.Length;
        var buffer = new byte[size];
        var span = buffer.AsSpan();
        WriteTicks(span, 0, i.ExpiresAt);
        span[19] = Layout;
        WriteOutcome(span[OutcomeOffset..], i.Outcome, i.Rating, i.OutcomeAt);
        WriteTicks(span, 41, i.CreatedAt);
        BinaryPrimitives.WriteDoubleLittleEndian(span[60..], i.Quality ?? double.NaN);
        var offset = HeaderLength;
        offset = WriteText(span, offset, i.Kind);
        offset = WriteText(span, offset, i.EmbeddingModel);
        offset = WriteText(span, offset, i.Situation);
        offset = WriteText(span, offset, i.Text);
        offset = WriteText(span, offset, i.SessionId);
        offset = WriteText(span, offset, i.Tool);
        offset = WriteBytes(span, offset, scores);
        offset = WriteBytes(span, offset, metadata);
        vector.CopyTo(span[offset..]);
        return buffer;
    }

    /// <summary>Returns whether <paramref name="value"/> is a record that has not expired at <paramref name="now"/>.</summary>
    public static bool IsLive(ReadOnlySpan<byte> value, DateTimeOffset now) =>
        value.Length >= HeaderLength && ReadTicks(value, 0) > now.UtcTicks;

    /// <summary>Decodes a whole record.</summary>
    /// <exception cref="InvalidDataException">The value is not a layout-2 record.</exception>
    public static Intervention Decode(string id, string userId, ReadOnlySpan<byte> value)
    {
        Check(id, value);
        var offset = HeaderLength;
        var kind = ReadText(value, ref offset)!;
        var model = ReadText(value, ref offset)!;
        var situation = ReadText(value, ref offset)!;
        var text = ReadText(value, ref offset)!;
        var session = ReadText(value, ref offset);
        var tool = ReadText(value, ref offset);
        var scores = ReadSlice(value, ref offset);
        var metadata = ReadSlice(value, ref offset);
        var (outcome, rating, outcomeAt) = ReadOutcome(value);
        var quality = BinaryPrimitives.ReadDoubleLittleEndian(value[60..]);
        return new Intervention
        {
            Id = id,
            UserId = userId,
            SessionId = session,
            CreatedAt = new DateTimeOffset(ReadTicks(value, 41), TimeSpan.Zero),
            Situation = situation,
            Kind = kind,
            Text = text,
            Tool = tool,
            Outcome = outcome,
            Rating = rating,
            OutcomeAt = outcomeAt,
            Scores = scores.IsEmpty ? ReadOnlyDictionary<string, double>.Empty : JsonSerializer.Deserialize(scores, RedisJson.Default.DictionaryStringDouble) ?? [],
            Quality = double.IsNaN(quality) ? null : quality,
            Metadata = metadata.IsEmpty ? ReadOnlyDictionary<string, string>.Empty : JsonSerializer.Deserialize(metadata, RedisJson.Default.DictionaryStringString) ?? [],
            Embedding = Vector(value[offset..]),
            EmbeddingModel = model,
            ExpiresAt = new DateTimeOffset(ReadTicks(value, 0), TimeSpan.Zero),
        };
    }

    /// <summary>Decodes what a search needs (no scores, metadata or tool).</summary>
    /// <remarks>The entry's vector is a view of <paramref name="value"/> (<see cref="StoredVector"/>), not a copy: a snapshot
    /// copies it into its columns once.</remarks>
    /// <exception cref="InvalidDataException">The value is not a layout-2 record.</exception>
    public static VectorEntry DecodeEntry(string id, byte[] value)
    {
        Check(id, value);
        var offset = HeaderLength;
        var kind = ReadText(value, ref offset)!;
        var model = ReadText(value, ref offset)!;
        var situation = ReadText(value, ref offset);
        var text = ReadText(value, ref offset);
        var session = ReadText(value, ref offset);
        for (var skip = 0; skip < 3; skip++)
        {
            _ = ReadSlice(value, ref offset);
        }

        var quality = BinaryPrimitives.ReadDoubleLittleEndian(value.AsSpan(60));
        return new VectorEntry(
            id,
            kind,
            (InterventionOutcome)(value[OutcomeOffset] - '0'),
            double.IsNaN(quality) ? null : quality,
            new DateTimeOffset(ReadTicks(value, 41), TimeSpan.Zero),
            new DateTimeOffset(ReadTicks(value, 0), TimeSpan.Zero),
            model,
            StoredVector.Of(value, offset),
            situation,
            text,
            session);
    }

    /// <summary>Decodes what population learning reads: kind, outcome, embedding model and the vector; no text is decoded.</summary>
    /// <remarks>The vector is a copy, not a <see cref="StoredVector"/> view: a view would keep the whole value, texts included,
    /// alive for as long as the learning code holds the vector.</remarks>
    /// <exception cref="InvalidDataException">The value is not a layout-2 record.</exception>
    public static (string Kind, InterventionOutcome Outcome, string Model, float[] Vector) DecodeOutcome(string id, ReadOnlySpan<byte> value)
    {
        Check(id, value);
        var offset = HeaderLength;
        var kind = ReadText(value, ref offset)!;
        var model = ReadText(value, ref offset)!;
        for (var skip = 0; skip < 6; skip++)
        {
            // Situation, text, session, tool, scores and metadata: skipped by their lengths, never decoded.
            _ = ReadSlice(value, ref offset);
        }

        return (kind, (InterventionOutcome)(value[OutcomeOffset] - '0'), model, Vector(value[offset..]));
    }

    /// <summary>Decodes the prefix <c>summary.lua</c> returns: kind, outcome, created and outcome-at.</summary>
    public static (string Kind, InterventionOutcome Outcome, DateTimeOffset CreatedAt, DateTimeOffset? OutcomeAt) DecodeSummary(ReadOnlySpan<byte> prefix)
    {
        if (prefix.Length < HeaderLength + 4 || prefix[19] != Layout)
        {
            throw new InvalidDataException("An intervention summary has an unknown layout.");
        }

        var offset = HeaderLength;
        var kind = ReadText(prefix, ref offset)!;
        var (outcome, _, outcomeAt) = ReadOutcome(prefix);
        return (kind, outcome, new DateTimeOffset(ReadTicks(prefix, 41), TimeSpan.Zero), outcomeAt);
    }

    /// <summary>Decodes what store-wide aggregates need from the same prefix: kind, outcome, created ticks and quality.</summary>
    public static (string Kind, InterventionOutcome Outcome, long CreatedTicks, double? Quality) DecodeAggregate(ReadOnlySpan<byte> prefix)
    {
        var (kind, outcome, created, _) = DecodeSummary(prefix);
        var quality = BinaryPrimitives.ReadDoubleLittleEndian(prefix[60..]);
        return (kind, outcome, created.UtcTicks, double.IsNaN(quality) ? null : quality);
    }

    /// <summary>The 21 bytes at <see cref="OutcomeOffset"/> for an outcome update: outcome, rating, outcome-at.</summary>
    public static byte[] OutcomePatch(InterventionOutcome outcome, int? rating, DateTimeOffset at)
    {
        var patch = new byte[21];
        WriteOutcome(patch, outcome, rating, at);
        return patch;
    }

    private static void WriteOutcome(Span<byte> span, InterventionOutcome outcome, int? rating, DateTimeOffset? at)
    {
        span[0] = (byte)('0' + (int)outcome);
        span[1] = (byte)('0' + (rating ?? 0));
        if (at is { } value)
        {
            WriteTicks(span, 2, value);
        }
        else
        {
            span.Slice(2, 19).Fill((byte)' ');
        }
    }

    private static (InterventionOutcome Outcome, int? Rating, DateTimeOffset? At) ReadOutcome(ReadOnlySpan<byte> value)
    {
        var rating = value[OutcomeOffset + 1] - '0';
        DateTimeOffset? at = value[OutcomeOffset + 2] == ' ' ? null : new DateTimeOffset(ReadTicks(value, OutcomeOffset + 2), TimeSpan.Zero);
        return ((InterventionOutcome)(value[OutcomeOffset] - '0'), rating == 0 ? null : rating, at);
    }

    private static void Check(string id, ReadOnlySpan<byte> value)
    {
        if (value.Length < HeaderLength + (8 * 4) || value[19] != Layout)
        {
            throw new InvalidDataException($"The stored value of intervention '{id}' has an unknown layout.");
        }
    }

    private static void WriteTicks(Span<byte> span, int offset, DateTimeOffset value)
    {
        if (!Utf8Formatter.TryFormat(value.UtcTicks, span.Slice(offset, 19), out _, Ticks19))
        {
            throw new InvalidOperationException("Ticks do not fit in 19 digits.");
        }
    }

    private static long ReadTicks(ReadOnlySpan<byte> value, int offset) =>
        Utf8Parser.TryParse(value.Slice(offset, 19), out long ticks, out var consumed) && consumed == 19
            ? ticks
            : throw new InvalidDataException("A stored instant is not 19 digits.");

    private static int Utf8(string? text) => text is null ? 0 : Encoding.UTF8.GetByteCount(text);

    private static int WriteText(Span<byte> span, int offset, string? text)
    {
        if (text is null)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], Missing);
            return offset + 4;
        }

        var length = Encoding.UTF8.GetBytes(text, span[(offset + 4)..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], (uint)length);
        return offset + 4 + length;
    }

    private static int WriteBytes(Span<byte> span, int offset, byte[] bytes)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], (uint)bytes.Length);
        bytes.CopyTo(span[(offset + 4)..]);
        return offset + 4 + bytes.Length;
    }

    private static string? ReadText(ReadOnlySpan<byte> value, ref int offset)
    {
        var length = BinaryPrimitives.ReadUInt32LittleEndian(value[offset..]);
        offset += 4;
        if (length == Missing)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(value.Slice(offset, checked((int)length)));
        offset += (int)length;
        return text;
    }

    private static ReadOnlySpan<byte> ReadSlice(ReadOnlySpan<byte> value, ref int offset)
    {
        var length = BinaryPrimitives.ReadUInt32LittleEndian(value[offset..]);
        offset += 4;
        if (length == Missing)
        {
            return [];
        }

        var slice = value.Slice(offset, checked((int)length));
        offset += (int)length;
        return slice;
    }

    private static float[] Vector(ReadOnlySpan<byte> bytes)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The Redis store stores vectors little-endian.");
        }

        var vector = new float[bytes.Length / sizeof(float)];
        bytes[..(vector.Length * sizeof(float))].CopyTo(MemoryMarshal.AsBytes(vector.AsSpan()));
        return vector;
    }

    private static Dictionary<string, double> Dictionary(IReadOnlyDictionary<string, double> map) =>
        map as Dictionary<string, double> ?? new Dictionary<string, double>(map, StringComparer.Ordinal);

    private static Dictionary<string, string> Dictionary(IReadOnlyDictionary<string, string> map) =>
        map as Dictionary<string, string> ?? new Dictionary<string, string>(map, StringComparer.Ordinal);
}
