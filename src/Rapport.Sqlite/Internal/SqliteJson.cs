using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapport.Sqlite.Internal;

/// <summary>Source-generated JSON for the small maps and lists stored in TEXT columns.</summary>
[JsonSerializable(typeof(Dictionary<string, double>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class SqliteJson : JsonSerializerContext
{
    // Most records have no scores or metadata: skip the serializer (and the copy of a read-only dictionary) for them.
    public static string Write(IReadOnlyDictionary<string, double> scores) => scores.Count == 0 ? "{}" :
        JsonSerializer.Serialize(scores as Dictionary<string, double> ?? new Dictionary<string, double>(scores), Default.DictionaryStringDouble);

    public static string Write(IReadOnlyDictionary<string, string> map) => map.Count == 0 ? "{}" :
        JsonSerializer.Serialize(map as Dictionary<string, string> ?? new Dictionary<string, string>(map), Default.DictionaryStringString);

    public static string Write(IReadOnlyList<string> list) =>
        JsonSerializer.Serialize(list as List<string> ?? [.. list], Default.ListString);

    public static Dictionary<string, double> ReadScores(string json) =>
        JsonSerializer.Deserialize(json, Default.DictionaryStringDouble) ?? [];

    // The same on the way back: a search reads a row per hit, and most rows' metadata (and many reflections' insights) are empty.
    public static Dictionary<string, string> ReadMap(string json) => json == "{}" ? [] :
        JsonSerializer.Deserialize(json, Default.DictionaryStringString) ?? [];

    public static List<string> ReadList(string json) => json == "[]" ? [] :
        JsonSerializer.Deserialize(json, Default.ListString) ?? [];
}
