using Microsoft.Data.Sqlite;
using Rapport.Memory;

namespace Rapport.Sqlite.Internal;

/// <summary>The column list of <c>interventions</c> and the mapping of a row to an <see cref="Intervention"/>.</summary>
internal static class InterventionColumns
{
    public const string Select =
        "id, user_id, session_id, created_at, situation, kind, text, tool, outcome, rating, outcome_at, scores, quality, " +
        "metadata, embedding, embedding_model, expires_at";

    public static Intervention Read(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        UserId = r.GetString(1),
        SessionId = r.IsDBNull(2) ? null : r.GetString(2),
        CreatedAt = SqliteValues.Instant(r.GetInt64(3)),
        Situation = r.GetString(4),
        Kind = r.GetString(5),
        Text = r.GetString(6),
        Tool = r.IsDBNull(7) ? null : r.GetString(7),
        Outcome = (InterventionOutcome)r.GetInt32(8),
        Rating = r.IsDBNull(9) ? null : r.GetInt32(9),
        OutcomeAt = SqliteValues.Instant(r, 10),
        Scores = SqliteJson.ReadScores(r.GetString(11)),
        Quality = r.IsDBNull(12) ? null : r.GetDouble(12),
        Metadata = SqliteJson.ReadMap(r.GetString(13)),
        Embedding = SqliteValues.Vector(r, 14),
        EmbeddingModel = r.GetString(15),
        ExpiresAt = SqliteValues.Instant(r.GetInt64(16)),
    };
}
