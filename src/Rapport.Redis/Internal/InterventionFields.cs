using System.Globalization;
using Rapport.Memory;

namespace Rapport.Redis.Internal;

/// <summary>The fields of an intervention in an outbox entry (the vector travels beside them, see <see cref="Outbox.OutboxPayloads"/>).</summary>
/// <remarks>
/// Optional values are absent fields, never empty strings. These were also the hash fields of layout 1
/// (<c>P:{u}:i:&lt;id&gt;</c>), which <c>prelude.lua</c> reads when it rewrites a user in layout 2.
/// </remarks>
internal static class InterventionFields
{
    public static Dictionary<string, string> ToFields(Intervention i)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = i.Id,
            ["u"] = i.UserId,
            ["c"] = RedisInstants.Ticks(i.CreatedAt),
            ["sit"] = i.Situation,
            ["k"] = i.Kind,
            ["txt"] = i.Text,
            ["o"] = ((int)i.Outcome).ToString(CultureInfo.InvariantCulture),
            ["sc"] = RedisJson.Write(i.Scores),
            ["m"] = RedisJson.Write(i.Metadata),
            ["em"] = i.EmbeddingModel,
            ["x"] = RedisInstants.Ticks(i.ExpiresAt),
        };
        AddIf(fields, "s", i.SessionId);
        AddIf(fields, "tool", i.Tool);
        AddIf(fields, "r", i.Rating?.ToString(CultureInfo.InvariantCulture));
        AddIf(fields, "oa", i.OutcomeAt is { } at ? RedisInstants.Ticks(at) : null);
        AddIf(fields, "q", i.Quality?.ToString("R", CultureInfo.InvariantCulture));
        return fields;
    }

    public static Intervention FromFields(IReadOnlyDictionary<string, string> f, float[] embedding) => new()
    {
        Id = f["id"],
        UserId = f["u"],
        SessionId = f.GetValueOrDefault("s"),
        CreatedAt = RedisInstants.Parse(f["c"]),
        Situation = f["sit"],
        Kind = f["k"],
        Text = f["txt"],
        Tool = f.GetValueOrDefault("tool"),
        Outcome = (InterventionOutcome)int.Parse(f["o"], CultureInfo.InvariantCulture),
        Rating = f.TryGetValue("r", out var rating) ? int.Parse(rating, CultureInfo.InvariantCulture) : null,
        OutcomeAt = f.TryGetValue("oa", out var at) ? RedisInstants.Parse(at) : null,
        Scores = RedisJson.ReadScores(f.GetValueOrDefault("sc")),
        Quality = f.TryGetValue("q", out var quality) ? double.Parse(quality, CultureInfo.InvariantCulture) : null,
        Metadata = RedisJson.ReadMap(f.GetValueOrDefault("m")),
        Embedding = embedding,
        EmbeddingModel = f.GetValueOrDefault("em", ""),
        ExpiresAt = RedisInstants.Parse(f["x"]),
    };

    internal static void AddIf(Dictionary<string, string> fields, string name, string? value)
    {
        if (value is not null)
        {
            fields[name] = value;
        }
    }
}
