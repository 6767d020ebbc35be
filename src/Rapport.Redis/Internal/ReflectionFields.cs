using System.Globalization;
using Rapport.Memory;

namespace Rapport.Redis.Internal;

/// <summary>The hash fields of a reflection (<c>P:{u}:r:&lt;id&gt;</c>).</summary>
internal static class ReflectionFields
{
    public static Dictionary<string, string> ToFields(SessionReflection r) => new(StringComparer.Ordinal)
    {
        ["id"] = r.Id,
        ["u"] = r.UserId,
        ["s"] = r.SessionId,
        ["c"] = RedisInstants.Ticks(r.CreatedAt),
        ["sum"] = r.Summary,
        ["ins"] = RedisJson.Write(r.Insights),
        ["n"] = r.InterventionCount.ToString(CultureInfo.InvariantCulture),
        ["h"] = r.HelpedCount.ToString(CultureInfo.InvariantCulture),
        ["nh"] = r.NotHelpedCount.ToString(CultureInfo.InvariantCulture),
        ["x"] = RedisInstants.Ticks(r.ExpiresAt),
    };

    public static SessionReflection FromFields(IReadOnlyDictionary<string, string> f) => new()
    {
        Id = f["id"],
        UserId = f["u"],
        SessionId = f["s"],
        CreatedAt = RedisInstants.Parse(f["c"]),
        Summary = f["sum"],
        Insights = RedisJson.ReadList(f.GetValueOrDefault("ins")),
        InterventionCount = int.Parse(f["n"], CultureInfo.InvariantCulture),
        HelpedCount = int.Parse(f["h"], CultureInfo.InvariantCulture),
        NotHelpedCount = int.Parse(f["nh"], CultureInfo.InvariantCulture),
        ExpiresAt = RedisInstants.Parse(f["x"]),
    };
}
