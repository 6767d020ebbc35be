using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;
using Rapport.Memory;
using Rapport.SelfImprovement;
using Rapport.Recording;
using Rapport.Storage;
using Rapport.Telemetry;

namespace Rapport.Context;

/// <summary>Builds the token-budgeted context block for one user's current situation.</summary>
/// <remarks>
/// <para>
/// The block holds, in this order of priority: what helped this user in similar situations (never a low-quality
/// intervention), what did not help, the user's profile, and the latest insights. Lines are added while they fit
/// <see cref="MemoryContextOptions.MaxTokens"/>. Only the named user's records are read, so no other user's text can
/// appear. The same state gives the same text (ordering is by similarity, then id; dates, not ages, are printed).
/// </para>
/// <para>Thread-safe. Each build is a span (<c>rapport.context.build</c>) tagged with the context's size, which also goes
/// to the <c>rapport.context.tokens</c> histogram.</para>
/// </remarks>
internal sealed class MemoryContextBuilder
{
    private readonly RapportMemory _memory;
    private readonly MemoryContextOptions _options;
    private readonly double _qualityThreshold;
    private readonly TokenCounts _tokens;

    // Only the default tokenizer (cl100k_base) is known to split every line start, which lets a context's count be the sum of its
    // lines' counts (BudgetedText.CountTokens).
    private readonly bool _splitsAtLineStarts;

    /// <summary>Creates the builder.</summary>
    /// <param name="memory">The memory service.</param>
    /// <param name="options">The context options; validated here.</param>
    /// <param name="recording">The recording options, for the quality threshold of past successes.</param>
    /// <param name="tokenizer">The tokenizer that counts the budget, or <see langword="null"/> for <see cref="ContextTokenizer.Default"/>.</param>
    public MemoryContextBuilder(RapportMemory memory, MemoryContextOptions? options = null, RecordingOptions? recording = null, Tokenizer? tokenizer = null)
    {
        _memory = memory ?? throw new ArgumentNullException(nameof(memory));
        _options = options ?? new MemoryContextOptions();
        _options.Validate();
        _qualityThreshold = (recording ?? new RecordingOptions()).QualityThreshold;
        _tokens = new TokenCounts(tokenizer ?? ContextTokenizer.Default);
        _splitsAtLineStarts = tokenizer is null || ReferenceEquals(tokenizer, ContextTokenizer.Default);
    }

    /// <summary>Builds the context from hits the caller already has (the user's past interventions most similar to the situation).</summary>
    /// <exception cref="ArgumentException">The user id is invalid, or a hit belongs to another user.</exception>
    public async Task<MemoryContext> BuildAsync(string userId, IReadOnlyList<MemorySearchHit> hits, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateUserId(userId);
        ArgumentNullException.ThrowIfNull(hits);
        if (hits.Any(h => h.Intervention.UserId != userId))
        {
            throw new ArgumentException("Every hit must belong to the user the context is for.", nameof(hits));
        }

        using var activity = RapportTelemetry.Source.StartActivity(RapportTelemetryNames.ContextBuildSpan);
        var helped = Similar(hits, InterventionOutcome.Helped);
        var notHelped = Similar(hits, InterventionOutcome.NotHelped);
        var successes = helped.Where(h => !IsLowQuality(h.Intervention)).Take(_options.MaxCases).Select(h => h.Intervention).ToList();
        var avoid = notHelped.Take(_options.MaxCases).Select(h => h.Intervention).ToList();
        var profile = await _memory.GetProfileAsync(userId, cancellationToken).ConfigureAwait(false);
        var reflections = await _memory.ListReflectionsAsync(userId, 5, cancellationToken).ConfigureAwait(false);
        var insights = reflections.SelectMany(r => r.Insights).Distinct(StringComparer.Ordinal).Take(_options.MaxInsights).ToList();

        var writer = new BudgetedText(_tokens, _options.MaxTokens, _splitsAtLineStarts);
        writer.Section("What helped this user before in similar situations:", successes.Select(Describe));
        writer.Section("What did not help this user in similar situations (avoid unless asked):", avoid.Select(Describe));
        writer.Section("This user's profile:", ProfileLines(profile));
        writer.Section("Latest insights about this user:", insights.Select(i => "- " + i));
        var text = writer.ToString();
        var tokens = text.Length == 0 ? 0 : writer.CountTokens();
        RapportTelemetry.RecordContextTokens(activity, tokens);
        return new MemoryContext(userId, text, tokens, successes, avoid, insights, writer.Truncated);
    }

    /// <summary>Returns whether an intervention is low quality: marked so, or scored below the threshold.</summary>
    public bool IsLowQuality(Intervention intervention)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        return intervention.Metadata.ContainsKey(RecordingOptions.LowQualityKey) || intervention.Quality < _qualityThreshold;
    }

    private List<MemorySearchHit> Similar(IReadOnlyList<MemorySearchHit> hits, InterventionOutcome outcome) =>
        [.. hits.Where(h => h.Intervention.Outcome == outcome && h.Similarity >= _options.MinSimilarity)
            .OrderByDescending(h => Math.Round(h.Similarity, 6)).ThenBy(h => h.Intervention.Id, StringComparer.Ordinal)];

    private static string Describe(Intervention i)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"- {i.Kind} on {i.CreatedAt:yyyy-MM-dd} when they said \"{Shorten(i.Situation, 90)}\"");
        if (i.Rating is { } rating)
        {
            builder.Append(CultureInfo.InvariantCulture, $" (rated {rating}/5)");
        }

        return builder.ToString();
    }

    private static IEnumerable<string> ProfileLines(UserProfile profile)
    {
        foreach (var (key, value) in profile.Preferences.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            yield return $"- {key}: {Shorten(value, 120)}";
        }

        foreach (var fact in profile.Facts)
        {
            yield return "- " + Shorten(fact, 120);
        }

        var counted = profile.KindOutcomes.Where(k => k.Value.Helped + k.Value.NotHelped > 0)
            .OrderByDescending(k => (k.Value.Helped + 1.0) / (k.Value.Helped + k.Value.NotHelped + 2)).ThenBy(k => k.Key, StringComparer.Ordinal);
        var summary = string.Join(", ", counted.Select(k => $"{k.Key} helped {k.Value.Helped} of {k.Value.Helped + k.Value.NotHelped}"));
        if (summary.Length > 0)
        {
            yield return "- outcomes so far: " + summary;
        }
    }

    internal static string Shorten(string text, int max)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= max ? oneLine : string.Concat(oneLine.AsSpan(0, max - 1), "…");
    }
}
