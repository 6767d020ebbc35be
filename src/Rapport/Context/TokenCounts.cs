using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;
using Microsoft.ML.Tokenizers;

namespace Rapport.Context;

/// <summary>Counts tokens with one tokenizer, remembering the counts of texts it has counted (by a digest of the text, not the text).</summary>
/// <remarks>
/// <para>
/// A user's context repeats from turn to turn: the same past interventions, profile lines and insights are described again,
/// and tokenizing them again was about a sixteenth of a steady demo seed's CPU time (issue 17). The cache holds a 128-bit
/// digest of each text (two 64-bit multiply-rotate hashes with seeds drawn per process: SHA-256 through OpenSSL cost more
/// than the counting it saved) and its count, never the text, so nothing a user said stays here after it is forgotten
/// except that digest; it is emptied when it reaches <see cref="MaxEntries"/>. A collision could only misjudge a context's
/// budget, never show one text for another. Thread-safe.
/// </para>
/// <para>Counts of pieces add up to the count of their concatenation only where the tokenizer would split the whole text
/// anyway; <see cref="BudgetedText"/> relies on that only at line breaks followed by a line that starts with a
/// non-whitespace character (true of cl100k_base's pre-tokenizer; see there).</para>
/// </remarks>
internal sealed class TokenCounts(Tokenizer tokenizer)
{
    /// <summary>The most counts kept before the cache starts again empty.</summary>
    public const int MaxEntries = 50_000;

    private static readonly ulong SeedA = (ulong)Random.Shared.NextInt64();
    private static readonly ulong SeedB = (ulong)Random.Shared.NextInt64();
    private readonly ConcurrentDictionary<UInt128, int> _counts = new();

    // ConcurrentDictionary.Count takes every lock: the bound is checked against this instead.
    private int _added;

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
        if (Interlocked.Increment(ref _added) > MaxEntries)
        {
            _counts.Clear();
            Interlocked.Exchange(ref _added, 0);
        }

        _counts[key] = count;
        return count;
    }

    private static UInt128 Digest(ReadOnlySpan<char> text)
    {
        ulong a = SeedA ^ (ulong)text.Length, b = SeedB + (ulong)text.Length;
        var words = MemoryMarshal.Cast<char, ulong>(text);
        foreach (var word in words)
        {
            a = BitOperations.RotateLeft((a ^ word) * 0x9E3779B97F4A7C15UL, 31);
            b = BitOperations.RotateLeft((b + word) * 0xC2B2AE3D27D4EB4FUL, 27);
        }

        foreach (var c in text[(words.Length * 4)..])
        {
            a = BitOperations.RotateLeft((a ^ c) * 0x9E3779B97F4A7C15UL, 31);
            b = BitOperations.RotateLeft((b + c) * 0xC2B2AE3D27D4EB4FUL, 27);
        }

        return new UInt128(Finish(a), Finish(b ^ a));
    }

    // SplitMix64's finalizer: every input bit reaches every output bit.
    private static ulong Finish(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
