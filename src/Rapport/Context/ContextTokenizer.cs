using Microsoft.ML.Tokenizers;

namespace Rapport.Context;

/// <summary>The tokenizer that measures memory contexts by default: cl100k_base, embedded in a package, so it works offline.</summary>
public static class ContextTokenizer
{
    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    /// <summary>Gets the shared cl100k_base tokenizer (created on first use, which takes a moment).</summary>
    public static Tokenizer Default => Cl100k.Value;
}
