using Rapport.Redis.Resilience;
using Rapport.Storage;
using StackExchange.Redis;

namespace Rapport.Redis.Operations;

/// <summary>Short ids on Redis: scans the id-to-owner keys of every primary for ids that start or end with a fragment.</summary>
/// <remarks>A maintenance call (a person typing a short id, not an agent's turn): it waits the maintenance timeout and
/// throws <see cref="MemoryStoreException"/> during an outage. Matches are checked to be live by the store's clock.</remarks>
internal sealed class RecordIdLookup(RedisStoreContext context, OutageBudgetPolicy budget, InterventionOperations interventions)
{
    public Task<IReadOnlyList<string>> FindAsync(string fragment, int limit, CancellationToken cancellationToken)
    {
        IRecordIdLookup.Validate(fragment, limit);
        return budget.MaintainAsync<IReadOnlyList<string>>(
            "id lookup",
            async () =>
            {
                var prefix = context.Keys.RecordOwner("").ToString();
                var ids = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var server in context.Connection.GetServers().Where(s => !s.IsReplica))
                {
                    if (!server.IsConnected)
                    {
                        throw new MemoryStoreException($"Redis at {Internal.RedisEndpoints.Describe(server.EndPoint)} is unreachable (not connected); an id lookup needs every primary.");
                    }

                    // The fragment is hex digits only (validated), so it holds no glob character.
                    foreach (var pattern in (string[])[$"{prefix}{fragment}*", $"{prefix}*{fragment}"])
                    {
                        await foreach (var key in server.KeysAsync(pattern: pattern, pageSize: 1_000).ConfigureAwait(false))
                        {
                            ids.Add(key.ToString()[prefix.Length..]);
                        }
                    }
                }

                var live = new List<string>();
                foreach (var id in ids)
                {
                    if (live.Count == limit)
                    {
                        break;
                    }

                    if (await interventions.GetAsync(id, cancellationToken).ConfigureAwait(false) is not null)
                    {
                        live.Add(id);
                    }
                }

                return live;
            },
            cancellationToken);
    }
}
