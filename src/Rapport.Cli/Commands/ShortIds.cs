using Rapport.Storage;

namespace Rapport.Cli.Commands;

/// <summary>Turns a short record id (a unique start or end of an id) into the whole id, as git does with commit ids.</summary>
internal static class ShortIds
{
    private const int Shown = 5;

    /// <summary>Returns the one live intervention id that starts or ends with <paramref name="fragment"/>.</summary>
    /// <exception cref="CliNotFoundException">No live intervention matches (exit 3).</exception>
    /// <exception cref="ArgumentException">Several match (exit 2); the message names them.</exception>
    public static async Task<string> ResolveAsync(IMemoryStore store, string fragment, CancellationToken cancellationToken)
    {
        if (store.GetService(typeof(IRecordIdLookup)) is not IRecordIdLookup lookup)
        {
            throw new ArgumentException($"This store ({store.Description}) does not look up short ids: pass the whole 32-digit id.");
        }

        var ids = await lookup.FindRecordIdsAsync(fragment, Shown + 1, cancellationToken).ConfigureAwait(false);
        return ids.Count switch
        {
            0 => throw new CliNotFoundException($"No intervention with id starting or ending with '{fragment}' (it may have expired or been forgotten)."),
            1 => ids[0],
            _ => throw new ArgumentException(
                $"The id '{fragment}' is ambiguous: it matches {(ids.Count > Shown ? $"more than {Shown} ids" : $"{ids.Count} ids")} " +
                $"({string.Join(", ", ids.Take(Shown))}); give more digits or the whole id."),
        };
    }
}
