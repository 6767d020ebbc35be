using Rapport.Sqlite.Internal;
using Rapport.Storage;

namespace Rapport.Sqlite;

/// <summary>Short ids: the live interventions whose id starts or ends with a fragment.</summary>
public sealed partial class SqliteMemoryStore : IRecordIdLookup
{
    /// <inheritdoc />
    /// <remarks>A start is a range on the primary key; an end scans the ids (a CLI lookup, not a hot path).</remarks>
    public Task<IReadOnlyList<string>> FindRecordIdsAsync(string fragment, int limit, CancellationToken cancellationToken = default)
    {
        IRecordIdLookup.Validate(fragment, limit);
        using var connection = Connect();
        // The fragment is hex digits only (validated), so it holds no LIKE wildcard.
        using var command = SqliteValues.Command(connection, """
            SELECT id FROM interventions
            WHERE ((id >= $fragment AND id < $fragment || 'g') OR id LIKE '%' || $fragment) AND expires_at > $now
            ORDER BY id LIMIT $limit
            """);
        command.Parameters.AddWithValue("$fragment", fragment);
        command.Parameters.AddWithValue("$now", Now);
        command.Parameters.AddWithValue("$limit", limit);
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return Task.FromResult<IReadOnlyList<string>>(ids);
    }
}
