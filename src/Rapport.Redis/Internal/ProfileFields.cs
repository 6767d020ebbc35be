using Rapport.Memory;

namespace Rapport.Redis.Internal;

/// <summary>The hash fields of the stored part of a profile (<c>P:{u}:p</c>).</summary>
internal static class ProfileFields
{
    /// <summary>The fields; <paramref name="updatedAt"/> is the profile's own or the store's clock.</summary>
    public static Dictionary<string, string> ToFields(UserProfile p, DateTimeOffset updatedAt) => new(StringComparer.Ordinal)
    {
        ["u"] = p.UserId,
        ["prefs"] = RedisJson.Write(p.Preferences),
        ["facts"] = RedisJson.Write(p.Facts),
        ["upd"] = RedisInstants.Ticks(updatedAt),
        ["x"] = RedisInstants.Ticks(p.ExpiresAt!.Value),
    };

    public static UserProfile FromFields(IReadOnlyDictionary<string, string> f) => new()
    {
        UserId = f["u"],
        Preferences = RedisJson.ReadMap(f.GetValueOrDefault("prefs")),
        Facts = RedisJson.ReadList(f.GetValueOrDefault("facts")),
        UpdatedAt = RedisInstants.Parse(f["upd"]),
        ExpiresAt = RedisInstants.Parse(f["x"]),
    };
}
