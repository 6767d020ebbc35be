using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.ML.Tokenizers;

namespace Rapport.Context;

/// <summary>Counts tokens with one tokenizer, remembering the counts of texts it has counted (by a hash of the text, not the text).</summary>
/// <remarks>
/// <para>
/// A user's context repeats from turn to turn: the same past interventions, profile lines and insights are described again,
/// and tokenizing them again was about a sixteenth of a steady demo seed's CPU time (issue 17). The cache holds a 128-bit
/// prefix of each text's SHA-256 and its count, never the text, so nothing a user said stays here after it is forgotten
/// except that digest; it is emptied when it reaches <see cref="MaxEntries"/>. Thread-safe.
/// </para>
/// <para>Counts of pieces add up to the count of their concatenation only where the tokenizer would split the whole text
/// anyway; <see cref="BudgetedText"/> relies on that only at line breaks followed by a line that starts with a
/// non-whitespace character (true of cl100k_base's pre-tokenizer; see there).</para>
/// </remarks>
internal sealed class TokenCounts(Tokenizer tokenizer)
{
    /// <summary>The most counts kept before the cache starts again empty.</summary>
    public const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<UInt128, int> _counts = new();

    /// <summary>Gets the tokenizer.</summary>
    public Tokenizer Tokenizer { get; } = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));

    /// <summary>Returns the number of tokens of <paramref name="text"/>, counting it only the first time.</summary>
    public int Count(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        var key = Digest(text);
        if (_counts.TryGetValue(key, out var count))
        {
            return count;
        }

        count = Tokenizer.CountTokens(text);
        if (_counts.Count >= MaxEntries)
        {
            _counts.Clear();
        }

        _counts[key] = count;
        return count;
    }

    private static UInt128 Digest(ReadOnlySpan<char> text)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(text), hash);
        return MemoryMarshal.Read<UInt128>(hash);
    }
}
