using System.Collections.ObjectModel;
using Rapport.Memory;

namespace Rapport.Sqlite.Internal;

/// <summary>The interventions this store has written or read, per user, valid at one version of the user.</summary>
/// <remarks>
/// <para>
/// A search reads its hits' rows (about 40 per turn in the demo, each with its vector and JSON scores) and a list reads the
/// newest rows again: from here instead, when the user's version in the file is still the one the cached records were taken
/// at. Every write of this process moves a user's entry to the new version with what it changed (<see cref="Advance"/>); a
/// version this process did not see (another process wrote, or a maintenance write that does not report its rows) drops
/// the entry, so a stale record is never served. Versions come from the file-wide write sequence and are never reused.
/// </para>
/// <para>
/// <see cref="UserRecords.Complete"/>: the entry holds every live record of the user (it was started from nothing, or filled
/// from a list that returned fewer rows than asked), so a list is answered from it too. The same user text the vector
/// snapshot already holds; forgetting or purging a user drops the entry (<see cref="Invalidate"/>). Bounded by an estimate
/// of the bytes held (vector, texts, maps), counted in a <see cref="RecordCachePool"/> (64 MiB) that every store sharing
/// one vector cache budget shares, a server's tenants included: beyond it the least recently used users go. Records are stored with read-only score and metadata maps and their
/// own vector copy, so no caller can change what another one reads. Thread-safe (one lock; every operation is short).
/// </para>
/// </remarks>
internal sealed class RecordCache(RecordCachePool pool)
{
    /// <summary>A cache with a pool of its own.</summary>
    public RecordCache(long maxBytes = DefaultMaxBytes)
        : this(new RecordCachePool(maxBytes))
    {
    }

    /// <summary>The default bound, 64 MiB: the demo's 200 users x 50 interventions (about 2.5 KB a record with a MiniLM
    /// vector) take a third of it.</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, UserRecords> _users = new(StringComparer.Ordinal);
    private int _count;
    private long _clock;

    /// <summary>Gets how many records are cached.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>The cached record of <paramref name="id"/> when the user's entry is at <paramref name="version"/>.</summary>
    public bool TryGet(string userId, long version, string id, out Intervention record)
    {
        lock (_gate)
        {
            if (_users.TryGetValue(userId, out var user) && user.Version == version && user.Records.TryGetValue(id, out record!))
            {
                user.LastUsed = ++_clock;
                return true;
            }
        }

        record = null!;
        return false;
    }

    /// <summary>The user's live records newest first (created, then id), at most <paramref name="limit"/>, when the entry is
    /// complete at <paramref name="version"/>; otherwise <see langword="null"/>.</summary>
    public List<Intervention>? TryList(string userId, long version, int limit, DateTimeOffset now)
    {
        List<Intervention> live;
        lock (_gate)
        {
            if (!_users.TryGetValue(userId, out var user) || user.Version != version || !user.Complete)
            {
                return null;
            }

            user.LastUsed = ++_clock;
            live = [.. user.Records.Values.Where(r => r.ExpiresAt > now)];
        }

        // The order of "ORDER BY created_at DESC, id": ids are ASCII (MemoryIds), so ordinal order is SQLite's binary order.
        live.Sort(static (a, b) => b.CreatedAt.UtcTicks.CompareTo(a.CreatedAt.UtcTicks) is var c && c != 0 ? c : string.CompareOrdinal(a.Id, b.Id));
        return live.Count > limit ? live.GetRange(0, limit) : live;
    }

    /// <summary>Adds records read at <paramref name="version"/> (the version was read before the rows). A newer entry is left
    /// alone; an older one is replaced. <paramref name="complete"/>: these are all of the user's live records.</summary>
    /// <returns>The cached copies, in the order given.</returns>
    public IReadOnlyList<Intervention> Add(string userId, long version, IReadOnlyList<Intervention> records, bool complete = false)
    {
        var copies = records.Select(Copy).ToList();
        lock (_gate)
        {
            if (_users.TryGetValue(userId, out var user))
            {
                if (user.Version > version)
                {
                    return copies;
                }

                if (user.Version < version)
                {
                    Remove(userId, user);
                    user = null;
                }
            }

            if (user is null)
            {
                user = new UserRecords { Version = version };
                _users[userId] = user;
            }

            Put(user, copies);
            user.Complete |= complete;
            user.LastUsed = ++_clock;
            Trim();
        }

        return copies;
    }

    /// <summary>A write of this process moved the user from <paramref name="previous"/> to <paramref name="current"/> and
    /// wrote <paramref name="changed"/> (added or updated records; none for a profile or reflection).</summary>
    public void Advance(string userId, long previous, long current, IReadOnlyList<Intervention>? changed = null)
    {
        var copies = changed is { Count: > 0 } ? changed.Select(Copy).ToList() : [];
        lock (_gate)
        {
            if (_users.TryGetValue(userId, out var user))
            {
                if (user.Version != previous)
                {
                    // A change this process did not see in between: what is cached may be stale.
                    Remove(userId, user);
                    return;
                }
            }
            else if (previous == 0)
            {
                // The user had nothing before this write: the entry starts complete.
                user = new UserRecords { Complete = true };
                _users[userId] = user;
            }
            else
            {
                return;
            }

            user.Version = current;
            user.LastUsed = ++_clock;
            Put(user, copies);
            Trim();
        }
    }

    /// <summary>Drops everything cached about the user (forget, purge, a user gone from the file).</summary>
    public void Invalidate(string userId)
    {
        lock (_gate)
        {
            if (_users.TryGetValue(userId, out var user))
            {
                Remove(userId, user);
            }
        }
    }

    /// <summary>Drops every record expired at <paramref name="now"/> (a purge removed them from the file). An entry stays
    /// complete: expired records are not live.</summary>
    public void DropExpired(DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (var user in _users.Values)
            {
                foreach (var record in user.Records.Values.Where(r => r.ExpiresAt <= now).ToList())
                {
                    user.Records.Remove(record.Id);
                    user.Bytes -= Bytes(record);
                    pool.Add(-Bytes(record));
                    _count--;
                }
            }
        }
    }

    /// <summary>Drops everything.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            pool.Add(-_users.Values.Sum(u => u.Bytes));
            _users.Clear();
            _count = 0;
        }
    }

    private void Put(UserRecords user, List<Intervention> records)
    {
        foreach (var record in records)
        {
            if (user.Records.TryGetValue(record.Id, out var old))
            {
                pool.Add(-Bytes(old));
                user.Bytes -= Bytes(old);
            }
            else
            {
                _count++;
            }

            user.Records[record.Id] = record;
            pool.Add(Bytes(record));
            user.Bytes += Bytes(record);
        }
    }

    private void Remove(string userId, UserRecords user)
    {
        _users.Remove(userId);
        _count -= user.Records.Count;
        pool.Add(-user.Bytes);
    }

    // Beyond the pool's bound, this cache's least recently used users go until a quarter of the bound is free or only the
    // user just served is left here (other caches of the pool trim theirs when they next add).
    private void Trim()
    {
        if (pool.Bytes <= pool.MaxBytes)
        {
            return;
        }

        foreach (var (userId, user) in _users.Where(u => u.Value.LastUsed != _clock).OrderBy(u => u.Value.LastUsed).ToList())
        {
            Remove(userId, user);
            if (pool.Bytes <= pool.MaxBytes * 3 / 4)
            {
                return;
            }
        }
    }

    // Read-only maps and a vector of its own: a caller that casts or keeps the writer's arrays cannot change the cache.
    private static Intervention Copy(Intervention record) => record with
    {
        CreatedAt = SqliteValues.Instant(SqliteValues.Ticks(record.CreatedAt)),
        OutcomeAt = record.OutcomeAt is { } at ? SqliteValues.Instant(SqliteValues.Ticks(at)) : null,
        ExpiresAt = SqliteValues.Instant(SqliteValues.Ticks(record.ExpiresAt)),
        Scores = record.Scores.Count == 0 ? EmptyScores : new ReadOnlyDictionary<string, double>(new Dictionary<string, double>(record.Scores, StringComparer.Ordinal)),
        Metadata = record.Metadata.Count == 0 ? EmptyMetadata : new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(record.Metadata, StringComparer.Ordinal)),
        Embedding = record.Embedding.ToArray(),
    };

    // An estimate: the vector, the strings (two bytes a char), the maps' entries and the objects around them.
    private static long Bytes(Intervention r) =>
        256 + (4L * r.Embedding.Length) + (2L * (r.Id.Length + r.UserId.Length + r.Situation.Length + r.Text.Length + r.Kind.Length + (r.SessionId?.Length ?? 0)))
        + (64L * (r.Scores.Count + r.Metadata.Count)) + (2L * r.Metadata.Sum(m => m.Key.Length + m.Value.Length));

    private static readonly IReadOnlyDictionary<string, double> EmptyScores = ReadOnlyDictionary<string, double>.Empty;
    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata = ReadOnlyDictionary<string, string>.Empty;

    private sealed class UserRecords
    {
        public long Version { get; set; }

        public bool Complete { get; set; }

        public long LastUsed { get; set; }

        public long Bytes { get; set; }

        public Dictionary<string, Intervention> Records { get; } = new(StringComparer.Ordinal);
    }
}
