using Rapport.Learning;
using Rapport.Memory;
using Rapport.Redis.Internal;
using Rapport.Redis.Resilience;
using Rapport.Storage;
using StackExchange.Redis;

namespace Rapport.Redis.Operations;

/// <summary>What population learning reads on Redis (<see cref="IPopulationStatistics"/>, <see cref="ISituationOutcomeSource"/>),
/// with the SQLite store's semantics: computed from the live records of every user under the key prefix, by the scan of the
/// store-wide aggregates (<see cref="StoreAggregates.ReadAsync"/>), so a forgotten or expired user's records are never read.</summary>
/// <remarks>
/// <para>
/// The outcomes read takes the most recent interventions with a known outcome while scanning (<see cref="RecentOutcomes"/>,
/// memory bounded by the limit) and only then reads those records' values, one <c>MGET</c> per user and page, a few pages
/// at a time; of each value only the kind, outcome, embedding model and vector are decoded. Once the store is bound to an
/// embedder, only its vectors are read (another embedder's live in another space, even at the same length). A record
/// forgotten, expired or re-embedded between the scan and the read is left out, as a search leaves it out. Users are
/// numbered in the order they appear, the most recent first; no id or text leaves this class.
/// </para>
/// <para>Thread-safe. An outage throws <see cref="MemoryStoreException"/> at once when Redis is known to be unreachable,
/// else after the maintenance timeout (<see cref="OutageBudgetPolicy.ReadStoreWideAsync"/>); nothing is cached here (the
/// learning code keeps what it read for a refresh interval).</para>
/// </remarks>
internal sealed class PopulationReads(RedisStoreContext context, OutageBudgetPolicy budget, StoreAggregates aggregates)
{
    private const int ReadPage = 512;
    private const int PagesAtOnce = 8;

    public Task<IReadOnlyDictionary<string, KindOutcomeCounts>> GetKindOutcomesAsync(CancellationToken cancellationToken) =>
        budget.ReadStoreWideAsync<IReadOnlyDictionary<string, KindOutcomeCounts>>("kind_outcomes", async () =>
        {
            var counts = new Dictionary<string, KindOutcomeCounts>(StringComparer.Ordinal);
            await foreach (var (_, rows) in aggregates.ReadAsync(null, withOutcomeKeys: false, cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in rows)
                {
                    var c = counts.GetValueOrDefault(row.Kind);
                    counts[row.Kind] = new KindOutcomeCounts(
                        c.Total + 1, c.Helped + (row.Outcome == InterventionOutcome.Helped ? 1 : 0), c.NotHelped + (row.Outcome == InterventionOutcome.NotHelped ? 1 : 0));
                }
            }

            return counts;
        }, cancellationToken);

    public Task<IReadOnlyList<SituationOutcome>> GetSituationOutcomesAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return budget.ReadStoreWideAsync<IReadOnlyList<SituationOutcome>>("situation_outcomes", async () =>
        {
            var bound = (string?)await context.Db.StringGetAsync(context.Keys.Embedder).ConfigureAwait(false);
            var recent = new RecentOutcomes(limit);
            await foreach (var (user, rows) in aggregates.ReadAsync(null, withOutcomeKeys: true, cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in rows)
                {
                    if (row.Outcome is InterventionOutcome.Helped or InterventionOutcome.NotHelped && (bound is null || row.Model == bound))
                    {
                        recent.Offer(user, row.Id!, row.CreatedTicks);
                    }
                }
            }

            return await ReadVectorsAsync(recent.TakeNewestFirst(), bound, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    private async Task<IReadOnlyList<SituationOutcome>> ReadVectorsAsync(
        List<RecentOutcomes.Candidate> newest, string? bound, CancellationToken cancellationToken)
    {
        var read = new (string Kind, bool Helped, float[] Vector)?[newest.Count];
        var pages = newest.Select((c, position) => (c.User, Position: position)).GroupBy(c => c.User, StringComparer.Ordinal)
            .SelectMany(user => user.Select(c => c.Position).Chunk(ReadPage).Select(positions => (User: user.Key, Positions: positions)));
        var db = context.Db;
        foreach (var wave in pages.Chunk(PagesAtOnce))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A user's keys share one slot, so each page is one MGET on a cluster too; a wave's pages are sent before any is awaited.
            var values = await Task.WhenAll(wave.Select(page => db.StringGetAsync(page.Positions.Select(p => context.Keys.Intervention(page.User, newest[p].Id)).ToArray())))
                .ConfigureAwait(false);
            var now = context.Now;
            for (var w = 0; w < wave.Length; w++)
            {
                for (var i = 0; i < wave[w].Positions.Length; i++)
                {
                    var position = wave[w].Positions[i];
                    var value = (byte[]?)values[w][i];
                    if (value is null || !InterventionValue.IsLive(value, now))
                    {
                        continue;
                    }

                    var (kind, outcome, model, vector) = InterventionValue.DecodeOutcome(newest[position].Id, value);
                    if (outcome is InterventionOutcome.Helped or InterventionOutcome.NotHelped && (bound is null || model == bound))
                    {
                        read[position] = (kind, outcome == InterventionOutcome.Helped, vector);
                    }
                }
            }
        }

        var users = new Dictionary<string, int>(StringComparer.Ordinal);
        var outcomes = new List<SituationOutcome>(newest.Count);
        for (var position = 0; position < newest.Count; position++)
        {
            if (read[position] is { } r)
            {
                var user = newest[position].User;
                if (!users.TryGetValue(user, out var number))
                {
                    users[user] = number = users.Count;
                }

                outcomes.Add(new SituationOutcome(number, r.Kind, r.Helped, r.Vector));
            }
        }

        return outcomes;
    }
}
