using System.Security.Cryptography;
using System.Text;

namespace Rapport.Evaluation.Internal;

/// <summary>Short, stable content hashes (first 16 hex digits of SHA-256) for datasets, configurations and cache keys.</summary>
internal static class ContentHash
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];

    public static string Of(params string?[] parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            // Length-prefixed so ("ab", "c") and ("a", "bc") differ.
            builder.Append(part?.Length ?? -1).Append(':').Append(part).Append('\n');
        }

        return Of(Encoding.UTF8.GetBytes(builder.ToString()));
    }
}
