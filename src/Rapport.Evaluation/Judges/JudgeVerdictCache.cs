using System.Collections.Concurrent;

namespace Rapport.Evaluation.Judges;

/// <summary>Remembers judge verdicts by key (judge, rubric and input), so the same question is never paid for twice.</summary>
/// <remarks>
/// Concurrent requests for one key share one call. Only successes are kept: a failed call is forgotten so a later
/// evaluation tries again. In memory; share one instance between evaluators to share verdicts. Thread-safe.
/// </remarks>
public sealed class JudgeVerdictCache
{
    private readonly ConcurrentDictionary<string, Lazy<Task<JudgeVerdict>>> _entries = new(StringComparer.Ordinal);

    /// <summary>Gets how many verdicts are cached or in flight.</summary>
    public int Count => _entries.Count;

    /// <summary>Returns the cached verdict for <paramref name="key"/>, or runs <paramref name="judge"/> once to get it.</summary>
    public async Task<JudgeVerdict> GetOrAddAsync(string key, Func<Task<JudgeVerdict>> judge)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(judge);
        var entry = _entries.GetOrAdd(key, _ => new Lazy<Task<JudgeVerdict>>(judge));
        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<string, Lazy<Task<JudgeVerdict>>>(key, entry));
            throw;
        }
    }
}
