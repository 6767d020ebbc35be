using StackExchange.Redis;

namespace Rapport.Redis.Internal;

/// <summary>The key schema of the Redis store (layout 2).</summary>
/// <remarks>
/// <para>Per user (all share the hash tag <c>{user}</c>, so one user sits in one cluster slot):</para>
/// <list type="table">
/// <item><term><c>P:{u}:v</c></term><description>string: the user's version (cache validation); exists while the user has data</description></item>
/// <item><term><c>P:{u}:iv:&lt;id&gt;</c></term><description>string: one intervention, vector included (<see cref="InterventionValue"/>), with a TTL</description></item>
/// <item><term><c>P:{u}:ids</c></term><description>sorted set: intervention ids by creation time (microseconds)</description></item>
/// <item><term><c>P:{u}:r:&lt;id&gt;</c></term><description>hash: one reflection, with a TTL</description></item>
/// <item><term><c>P:{u}:refl</c></term><description>sorted set: reflection ids by creation time</description></item>
/// <item><term><c>P:{u}:p</c></term><description>hash: the stored part of the profile, with a TTL</description></item>
/// <item><term><c>P:{u}:chg</c></term><description>sorted set: the change feed; intervention ids by the change counter at their last write,
/// and <c>#</c> holding the counter, which moves with every version bump (version.lua reads the ids changed since a snapshot's counter)</description></item>
/// <item><term><c>P:{u}:exp</c></term><description>sorted set: <c>i:&lt;id&gt;</c>, <c>r:&lt;id&gt;</c>, <c>p</c> by expiry (microseconds)</description></item>
/// </list>
/// <para>Store-wide: <c>P:seq</c> (the never-reused sequence that starts each user's versions), <c>P:embedder</c>
/// (the embedder every new vector must come from) and
/// <c>P:rid:&lt;id&gt;</c> (record id to user, with the record's TTL, for lookups by id).</para>
/// <para>
/// Layout 1 (the first, unreleased layout) kept an intervention as a hash <c>P:{u}:i:&lt;id&gt;</c> plus an entry in the
/// hash <c>P:{u}:e</c>. Every script but the write path's (<c>claim.lua</c>, <c>record.lua</c>) first rewrites such a user in layout 2
/// (<c>prelude.lua</c>), and every read starts with a script, so data written in layout 1 stays readable.
/// </para>
/// <para>
/// User and record ids pass <see cref="Memory.MemoryIds"/> validation, whose alphabet excludes <c>{ } * ? [ ]</c>,
/// spaces and slashes, so an id cannot end the hash tag early, match a pattern, or reach another user's keys; a
/// user id may contain <c>:</c>, which is harmless because the tag's closing brace ends it. The prefix is held
/// to the same alphabet.
/// </para>
/// </remarks>
internal sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    public RedisKey Sequence => $"{Prefix}:seq";

    /// <summary>The embedder the store is bound to (store-wide, one key).</summary>
    public RedisKey Embedder => $"{Prefix}:embedder";

    /// <summary>The pattern that matches every user's version key (users are parsed out exactly, see <see cref="TryParseUser"/>).</summary>
    public string VersionPattern => $"{Prefix}:{{*}}:v";

    public RedisKey Version(string userId) => $"{Prefix}:{{{userId}}}:v";

    public RedisKey RecordOwner(string recordId) => $"{Prefix}:rid:{recordId}";

    public RedisKey Intervention(string userId, string recordId) => $"{Prefix}:{{{userId}}}:iv:{recordId}";

    public RedisKey InterventionIds(string userId) => $"{Prefix}:{{{userId}}}:ids";

    /// <summary>Returns the user of a version key found by a scan; false for any other key the pattern matched.</summary>
    public bool TryParseUser(string key, out string userId)
    {
        userId = "";
        var head = Prefix + ":{";
        if (!key.StartsWith(head, StringComparison.Ordinal) || !key.EndsWith("}:v", StringComparison.Ordinal))
        {
            return false;
        }

        var close = key.IndexOf('}', head.Length);
        if (close != key.Length - 3)
        {
            return false;
        }

        userId = key[head.Length..close];
        return Memory.MemoryIds.IsValid(userId);
    }
}
