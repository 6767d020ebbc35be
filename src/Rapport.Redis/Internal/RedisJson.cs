using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapport.Redis.Internal;

/// <summary>Source-generated JSON for the small maps and lists stored in hash fields and outbox entries.</summary>
[JsonSerializable(typeof(Dictionary<string, double>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<Dictionary<string, string>>))]
internal sealed partial class RedisJson : JsonSerializerContext
{
    public static string Write(IReadOnlyDictionary<string, double> scores) =>
        JsonSerializer.Serialize(scores as Dictionary<string, double> ?? new Dictionary<string, double>(scores), Default.DictionaryStringDouble);

    public static string Write(IReadOnlyDictionary<string, string> map) =>
        JsonSerializer.Serialize(map as Dictionary<string, string> ?? new Dictionary<string, string>(map), Default.DictionaryStringString);

    public static string Write(IReadOnlyList<string> list) =>
        JsonSerializer.Serialize(list as List<string> ?? [.. list], Default.ListString);

    public static Dictionary<string, double> ReadScores(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize(json, Default.DictionaryStringDouble) ?? [];

    public static Dictionary<string, string> ReadMap(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize(json, Default.DictionaryStringString) ?? [];

    public static List<string> ReadList(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize(json, Default.ListString) ?? [];
}
