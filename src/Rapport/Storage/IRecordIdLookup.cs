namespace Rapport.Storage;

/// <summary>Finds record ids by a fragment, so that a person can type a short id (as with git's short commit ids).</summary>
/// <remarks>
/// A capability of a store, found through any decorator with <c>store.GetService(typeof(IRecordIdLookup))</c>. Record ids
/// are time-ordered (UUID version 7), so records made close together share a long start; their end is random. A fragment
/// therefore matches ids that start <em>or</em> end with it. Only live (unexpired) interventions are matched. Thread-safe.
/// </remarks>
public interface IRecordIdLookup
{
    /// <summary>Returns up to <paramref name="limit"/> ids of live interventions that start or end with <paramref name="fragment"/>, in id order.</summary>
    /// <param name="fragment">Lowercase hex digits, at least <see cref="MinimumFragment"/> and fewer than 32.</param>
    /// <param name="limit">The most ids to return (1-100); ask for two to learn whether a fragment is ambiguous.</param>
    /// <param name="cancellationToken">Stops the lookup.</param>
    /// <exception cref="ArgumentException"><paramref name="fragment"/> is not 6-31 lowercase hex digits, or <paramref name="limit"/> is out of range.</exception>
    Task<IReadOnlyList<string>> FindRecordIdsAsync(string fragment, int limit, CancellationToken cancellationToken = default);

    /// <summary>The shortest fragment accepted: 6 hex digits.</summary>
    const int MinimumFragment = 6;

    /// <summary>Throws unless <paramref name="fragment"/> is 6-31 lowercase hex digits and <paramref name="limit"/> is 1-100.</summary>
    /// <exception cref="ArgumentException">Either is out of range.</exception>
    static void Validate(string fragment, int limit)
    {
        if (fragment is null || fragment.Length < MinimumFragment || fragment.Length >= 32 || !fragment.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"Invalid id fragment '{fragment}': use {MinimumFragment}-31 lowercase hex digits from the start or end of an id, or the whole 32-digit id.");
        }

        if (limit is < 1 or > 100)
        {
            throw new ArgumentException($"Invalid limit {limit}: use 1-100.");
        }
    }
}
