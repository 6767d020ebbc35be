using StackExchange.Redis;

namespace Rapport.Redis.Internal;

/// <summary>Field maps as the scripts take and return them: a flat list of name, value, name, value...</summary>
internal static class FieldPairs
{
    /// <summary>Reads a flat reply (an <c>HGETALL</c>) into a map.</summary>
    public static Dictionary<string, string> Read(RedisResult flat)
    {
        var items = (RedisResult[])flat!;
        var fields = new Dictionary<string, string>(items.Length / 2, StringComparer.Ordinal);
        for (var n = 0; n + 1 < items.Length; n += 2)
        {
            fields[(string)items[n]!] = (string)items[n + 1]!;
        }

        return fields;
    }

    /// <summary>Flattens a map into script arguments.</summary>
    public static IEnumerable<RedisValue> Flatten(Dictionary<string, string> fields) =>
        fields.SelectMany(p => new RedisValue[] { p.Key, p.Value });
}
