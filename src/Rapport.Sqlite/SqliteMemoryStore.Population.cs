using Rapport.Learning;
using Rapport.Memory;
using Rapport.Sqlite.Internal;

namespace Rapport.Sqlite;

public sealed partial class SqliteMemoryStore : IPopulationStatistics
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
}
