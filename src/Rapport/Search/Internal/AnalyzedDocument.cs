namespace Rapport.Search.Internal;

/// <summary>One document's words as the lexical index needs them: field lengths and term frequencies, terms sorted.</summary>
/// <param name="SituationLength">The number of terms in the situation.</param>
/// <param name="TextLength">The number of terms in the text.</param>
/// <param name="Terms">Each distinct term with its frequency in the situation and in the text, ordinal order.</param>
internal sealed record AnalyzedDocument(int SituationLength, int TextLength, (string Term, ushort Situation, ushort Text)[] Terms)
{
    /// <summary>Analyzes a document's situation and text.</summary>
    /// <param name="situation">The situation field.</param>
    /// <param name="text">The text field.</param>
    /// <param name="cache">Words already turned into terms during one bulk analysis, or null.</param>
    public static AnalyzedDocument Of(string? situation, string? text, TermCache? cache = null)
    {
        // A bulk analysis reuses its cache's buffers from one document to the next; a single one allocates its own.
        var terms = cache?.Terms ?? [];
        terms.Clear();
        TextAnalyzer.Analyze(situation, terms, cache);
        var situationLength = terms.Count;
        TextAnalyzer.Analyze(text, terms, cache);
        var textLength = terms.Count - situationLength;
        var total = terms.Count;
        if (total == 0)
        {
            return new AnalyzedDocument(0, 0, []);
        }

        // Sorted with the field each occurrence came from, then counted run by run.
        var sorted = cache?.Sorted(total) ?? new string[total];
        var inSituation = cache?.InSituation(total) ?? new bool[total];
        terms.CopyTo(sorted);
        inSituation.AsSpan(0, situationLength).Fill(true);
        inSituation.AsSpan(situationLength, textLength).Clear();
        Array.Sort(sorted, inSituation, 0, total, StringComparer.Ordinal);
        var distinct = 1;
        for (var i = 1; i < total; i++)
        {
            distinct += string.Equals(sorted[i], sorted[i - 1], StringComparison.Ordinal) ? 0 : 1;
        }

        var counted = new (string Term, ushort Situation, ushort Text)[distinct];
        var run = -1;
        int situationCount = 0, textCount = 0;
        for (var i = 0; i < total; i++)
        {
            if (i == 0 || !string.Equals(sorted[i], sorted[i - 1], StringComparison.Ordinal))
            {
                if (run >= 0)
                {
                    counted[run] = (sorted[i - 1], Clamp(situationCount), Clamp(textCount));
                }

                run++;
                situationCount = textCount = 0;
            }

            situationCount += inSituation[i] ? 1 : 0;
            textCount += inSituation[i] ? 0 : 1;
        }

        counted[run] = (sorted[total - 1], Clamp(situationCount), Clamp(textCount));
        return new AnalyzedDocument(situationLength, textLength, counted);
    }

    /// <summary>Analyzes <paramref name="fields"/> from position <paramref name="from"/> into <paramref name="into"/> (same positions).</summary>
    /// <remarks>A cold load analyzes thousands of documents at once: in slices on every core, each slice with its own cache of
    /// words already stemmed. Every document's analysis depends on its own text alone, so the result is the same.</remarks>
    public static void OfEach((string? Situation, string? Text)[] fields, AnalyzedDocument[] into, int from)
    {
        const int SliceSize = 2_048;
        var slices = (into.Length - from + SliceSize - 1) / SliceSize;
        if (slices <= 1)
        {
            Slice(0);
            return;
        }

        Parallel.For(0, slices, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, Slice);

        void Slice(int slice)
        {
            var cache = new TermCache();
            var end = Math.Min(into.Length, from + ((slice + 1) * SliceSize));
            for (var i = from + (slice * SliceSize); i < end; i++)
            {
                into[i] = Of(fields[i].Situation, fields[i].Text, cache);
            }
        }
    }

    /// <summary>Analyzes one slice of documents with one cache of stemmed words (a cold load analyzes slices as they arrive).</summary>
    public static AnalyzedDocument[] OfSlice((string? Situation, string? Text)[] fields)
    {
        var cache = new TermCache();
        var analyzed = new AnalyzedDocument[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            analyzed[i] = Of(fields[i].Situation, fields[i].Text, cache);
        }

        return analyzed;
    }

    private static ushort Clamp(int value) => (ushort)Math.Min(value, ushort.MaxValue);
}
