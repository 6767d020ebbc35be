namespace Rapport.Search.Internal;

/// <summary>One document's words as the lexical index needs them: field lengths and term frequencies, terms sorted.</summary>
/// <param name="SituationLength">The number of terms in the situation.</param>
/// <param name="TextLength">The number of terms in the text.</param>
/// <param name="Terms">Each distinct term with its frequency in the situation and in the text, ordinal order.</param>
internal sealed record AnalyzedDocument(int SituationLength, int TextLength, (string Term, ushort Situation, ushort Text)[] Terms)
{
    /// <summary>Analyzes a document's situation and text.</summary>
    public static AnalyzedDocument Of(string? situation, string? text)
    {
        var frequencies = new Dictionary<string, (int Situation, int Text)>(StringComparer.Ordinal);
        var terms = new List<string>();
        TextAnalyzer.Analyze(situation, terms);
        var situationLength = terms.Count;
        foreach (var term in terms)
        {
            frequencies[term] = frequencies.TryGetValue(term, out var f) ? (f.Situation + 1, f.Text) : (1, 0);
        }

        terms.Clear();
        TextAnalyzer.Analyze(text, terms);
        var textLength = terms.Count;
        foreach (var term in terms)
        {
            frequencies[term] = frequencies.TryGetValue(term, out var f) ? (f.Situation, f.Text + 1) : (0, 1);
        }

        return new AnalyzedDocument(
            situationLength,
            textLength,
            [.. frequencies.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, Clamp(p.Value.Situation), Clamp(p.Value.Text)))]);
    }

    private static ushort Clamp(int value) => (ushort)Math.Min(value, ushort.MaxValue);
}
