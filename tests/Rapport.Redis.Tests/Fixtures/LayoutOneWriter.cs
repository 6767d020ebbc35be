using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Rapport.Memory;
using Rapport.Redis.Internal;
using StackExchange.Redis;

namespace Rapport.Redis.Tests.Fixtures;

/// <summary>Writes interventions the way the first (layout 1) Redis store did, to test that layout 2 still reads them.</summary>
/// <remarks>
/// Layout 1: the record as a hash <c>P:{u}:i:&lt;id&gt;</c> (the fields of <see cref="InterventionFields"/>) with a TTL, its
/// vector entry in the hash <c>P:{u}:e</c> (outcome, layout 1, quality, created and expires ticks, kind, model, situation,
/// text and session with 2-byte lengths, then the vector), the same <c>ids</c>, <c>exp</c> and version keys as layout 2,
/// and the id mapping.
/// </remarks>
internal static class LayoutOneWriter
{
    public static async Task WriteAsync(IDatabase db, string prefix, Intervention i, DateTimeOffset now)
    {
        var user = $"{prefix}:{{{i.UserId}}}:";
        var ttl = (i.ExpiresAt - now) + TimeSpan.FromHours(1);
        await db.HashSetAsync(user + "i:" + i.Id, [.. InterventionFields.ToFields(i).Select(f => new HashEntry(f.Key, f.Value))]);
        await db.KeyExpireAsync(user + "i:" + i.Id, ttl);
        await db.HashSetAsync(user + "e", i.Id, Entry(i));
        await db.SortedSetAddAsync(user + "ids", i.Id, RedisInstants.Score(i.CreatedAt));
        await db.SortedSetAddAsync(user + "exp", "i:" + i.Id, RedisInstants.Score(i.ExpiresAt));
        await db.StringSetAsync(user + "v", 1L << 32, when: When.NotExists);
        await db.StringIncrementAsync(user + "v");
        await db.StringSetAsync($"{prefix}:rid:{i.Id}", i.UserId, ttl);
    }

    private static byte[] Entry(Intervention i)
    {
        byte[][] texts =
        [
            Encoding.UTF8.GetBytes(i.Kind), Encoding.UTF8.GetBytes(i.EmbeddingModel), Encoding.UTF8.GetBytes(i.Situation),
            Encoding.UTF8.GetBytes(i.Text), i.SessionId is null ? [] : Encoding.UTF8.GetBytes(i.SessionId),
        ];
        var vector = MemoryMarshal.AsBytes(i.Embedding.Span);
        var buffer = new byte[26 + texts.Sum(t => 2 + t.Length) + vector.Length];
        var span = buffer.AsSpan();
        span[0] = (byte)i.Outcome;
        span[1] = 1;
        BinaryPrimitives.WriteDoubleLittleEndian(span[2..], i.Quality ?? double.NaN);
        BinaryPrimitives.WriteInt64LittleEndian(span[10..], i.CreatedAt.UtcTicks);
        BinaryPrimitives.WriteInt64LittleEndian(span[18..], i.ExpiresAt.UtcTicks);
        var offset = 26;
        for (var n = 0; n < texts.Length; n++)
        {
            var missing = n == 4 && i.SessionId is null;
            BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], missing ? ushort.MaxValue : (ushort)texts[n].Length);
            texts[n].CopyTo(span[(offset + 2)..]);
            offset += 2 + texts[n].Length;
        }

        vector.CopyTo(span[offset..]);
        return buffer;
    }
}
