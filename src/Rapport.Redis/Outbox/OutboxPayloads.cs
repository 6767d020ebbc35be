using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Rapport.Memory;
using Rapport.Redis.Internal;

namespace Rapport.Redis.Outbox;

/// <summary>The JSON payloads of outbox entries: the same field maps the store writes to Redis.</summary>
internal static class OutboxPayloads
{
    private const string VectorField = "_v";

    public static string Interventions(IEnumerable<Intervention> interventions)
    {
        var list = new List<Dictionary<string, string>>();
        foreach (var intervention in interventions)
        {
            var fields = InterventionFields.ToFields(intervention);
            fields[VectorField] = Convert.ToBase64String(MemoryMarshal.AsBytes(intervention.Embedding.Span));
            list.Add(fields);
        }

        return JsonSerializer.Serialize(list, RedisJson.Default.ListDictionaryStringString);
    }

    public static List<Intervention> ReadInterventions(string payload) =>
        [.. (JsonSerializer.Deserialize(payload, RedisJson.Default.ListDictionaryStringString) ?? [])
            .Select(f => InterventionFields.FromFields(f, MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(f[VectorField])).ToArray()))];

    public static string Map(Dictionary<string, string> fields) => RedisJson.Write(fields);

    public static Dictionary<string, string> ReadMap(string payload) => RedisJson.ReadMap(payload);

    public static string Outcome(string id, InterventionOutcome outcome, int? rating, DateTimeOffset at) => Map(new(StringComparer.Ordinal)
    {
        ["id"] = id,
        ["o"] = ((int)outcome).ToString(CultureInfo.InvariantCulture),
        ["r"] = rating?.ToString(CultureInfo.InvariantCulture) ?? "",
        ["at"] = RedisInstants.Ticks(at),
    });
}
