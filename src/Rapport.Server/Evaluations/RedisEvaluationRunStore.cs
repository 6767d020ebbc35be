using Rapport.Evaluation.Runs;
using StackExchange.Redis;

namespace Rapport.Server.Evaluations;

/// <summary>Evaluation runs on Redis under a key prefix, so every instance on the same Redis (and the dashboard) sees the same runs.</summary>
/// <remarks>
/// Keys: <c>{P}:evals</c>, a sorted set of run ids by start time, and <c>{P}:eval:&lt;id&gt;</c>, the run's JSON; <c>P</c> is the prefix inside a
/// hash tag, so one prefix's keys share a cluster slot and a save (both keys) is one <c>MULTI</c>: all or nothing. The server gives each tenant its
/// own prefix (<c>rapport:t:&lt;tenant&gt;</c>). Runs do not expire. The store never closes the connection it is given. Thread-safe.
/// </remarks>
public sealed class RedisEvaluationRunStore : IEvaluationRunStore
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKey _index;
    private readonly string _runPrefix;

    /// <summary>Creates the store on <paramref name="redis"/> under <paramref name="prefix"/>.</summary>
    public RedisEvaluationRunStore(IConnectionMultiplexer redis, string prefix)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        if (prefix.AsSpan().IndexOfAny("{}") >= 0)
        {
            throw new ArgumentException($"Key prefix '{prefix}' may not contain braces (it goes inside a hash tag).", nameof(prefix));
        }

        _redis = redis;
        _index = "{" + prefix + "}:evals";
        _runPrefix = "{" + prefix + "}:eval:";
    }

    /// <inheritdoc />
    public async Task SaveAsync(EvaluationRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        EvaluationRunJson.ValidateId(run.Id);
        var transaction = _redis.GetDatabase().CreateTransaction();
        _ = transaction.StringSetAsync(_runPrefix + run.Id, EvaluationRunJson.Write(run));
        _ = transaction.SortedSetAddAsync(_index, run.Id, run.StartedAt.ToUnixTimeMilliseconds());
        if (!await transaction.ExecuteAsync().ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Saving evaluation run {run.Id} was not committed.");
        }
    }

    /// <inheritdoc />
    public async Task<EvaluationRun?> GetAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        var ids = await _redis.GetDatabase().SortedSetRangeByRankAsync(_index).ConfigureAwait(false);
        var id = EvaluationRunJson.Match(ids.Select(i => i.ToString()), idOrPrefix);
        if (id is null)
        {
            return null;
        }

        var json = await _redis.GetDatabase().StringGetAsync(_runPrefix + id).ConfigureAwait(false);
        return json.IsNullOrEmpty ? null : EvaluationRunJson.Read(json.ToString(), id);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EvaluationRun>> ListAsync(CancellationToken cancellationToken = default)
    {
        var db = _redis.GetDatabase();
        var ids = await db.SortedSetRangeByRankAsync(_index, order: Order.Descending).ConfigureAwait(false);
        var runs = new List<EvaluationRun>(ids.Length);
        foreach (var page in ids.Chunk(64))
        {
            var values = await db.StringGetAsync([.. page.Select(i => (RedisKey)(_runPrefix + i))]).ConfigureAwait(false);
            runs.AddRange(values.Zip(page).Where(v => !v.First.IsNullOrEmpty).Select(v => EvaluationRunJson.Read(v.First.ToString(), v.Second.ToString())));
        }

        // Equal start times (milliseconds) order by id, newest first, like the other stores.
        return [.. runs.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal)];
    }
}
