using Rapport.Learning;
using Rapport.Memory;
using Rapport.Sqlite.Internal;

namespace Rapport.Sqlite;

public sealed partial class SqliteMemoryStore : IPopulationStatistics, ISituationOutcomeSource
{
    /// <inheritdoc />
    /// <remarks>One aggregate query over live interventions; it returns counts per kind and nothing of any user.</remarks>
    public Task<IReadOnlyDictionary<string, KindOutcomeCounts>> GetKindOutcomesAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        using var command = SqliteValues.Command(
            connection,
            """
            SELECT kind, count(*), sum(outcome = 1), sum(outcome = 2)
            FROM interventions WHERE expires_at > $now GROUP BY kind
            """);
        command.Parameters.AddWithValue("$now", Now);
        using var r = command.ExecuteReader();
        var counts = new Dictionary<string, KindOutcomeCounts>(StringComparer.Ordinal);
        while (r.Read())
        {
            counts[r.GetString(0)] = new KindOutcomeCounts(r.GetInt32(1), r.GetInt32(2), r.GetInt32(3));
        }

        return Task.FromResult<IReadOnlyDictionary<string, KindOutcomeCounts>>(counts);
    }

    /// <inheritdoc />
    /// <remarks>One query over live interventions with an outcome, newest first; users are numbered in the order they
    /// appear, and no id or text is returned. Once the store is bound to an embedder, only its vectors are read: vectors of
    /// another embedder (awaiting re-embedding) live in another space, even at the same length.</remarks>
    public Task<IReadOnlyList<SituationOutcome>> GetSituationOutcomesAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        using var command = SqliteValues.Command(
            connection,
            """
            SELECT user_id, kind, outcome, embedding FROM interventions
            WHERE expires_at > $now AND outcome IN (1, 2)
              AND embedding_model = COALESCE((SELECT value FROM store_settings WHERE name = 'embedder'), embedding_model)
            ORDER BY created_at DESC LIMIT $limit
            """);
        command.Parameters.AddWithValue("$now", Now);
        command.Parameters.AddWithValue("$limit", limit);
        using var r = command.ExecuteReader();
        var users = new Dictionary<string, int>(StringComparer.Ordinal);
        var outcomes = new List<SituationOutcome>();
        while (r.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var user = r.GetString(0);
            if (!users.TryGetValue(user, out var number))
            {
                users[user] = number = users.Count;
            }

            outcomes.Add(new SituationOutcome(number, r.GetString(1), r.GetInt32(2) == 1, SqliteValues.Vector(r, 3)));
        }

        return Task.FromResult<IReadOnlyList<SituationOutcome>>(outcomes);
    }
}
