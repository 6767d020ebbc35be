using System.Diagnostics;
using System.Globalization;
using System.Text;
using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Telemetry;

/// <summary>The traced search: a GenAI retrieval span, and the search metrics.</summary>
public sealed partial class TracingMemoryStore
{
    /// <inheritdoc />
    public override Task<IReadOnlyList<MemorySearchHit>> SearchAsync(MemorySearchRequest request, CancellationToken cancellationToken = default) =>
        !SearchObserved ? InnerStore.SearchAsync(request, cancellationToken) : TracedSearchAsync(request, cancellationToken);

    private async Task<IReadOnlyList<MemorySearchHit>> TracedSearchAsync(MemorySearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = Start(_searchSpanName, request.UserId);
        if (activity is { IsAllDataRequested: true })
        {
            TagSearchRequest(activity, request, _privacy);
        }

        var started = Stopwatch.GetTimestamp();
        IReadOnlyList<MemorySearchHit> hits;
        try
        {
            hits = await InnerStore.SearchAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            RecordSearchMetrics(started, null, ex);
            Fail(activity, "search", ex);
            throw;
        }

        RecordSearchMetrics(started, hits, null);
        if (activity is { IsAllDataRequested: true })
        {
            // The kind filter is tagged once the store accepted it: a rejected kind could be free text.
            if (request.Kinds is { Count: > 0 } kinds)
            {
                activity.SetTag(RapportTelemetryNames.Kinds, kinds.ToArray());
            }

            TagSearchResults(activity, hits);
        }

        return hits;
    }

    private void RecordSearchMetrics(long started, IReadOnlyList<MemorySearchHit>? hits, Exception? error)
    {
        var source = new KeyValuePair<string, object?>(RapportTelemetryNames.GenAIDataSourceId, DataSourceId);
        if (RapportInstruments.Searches.Enabled)
        {
            RapportInstruments.Searches.Add(1, source);
        }

        if (RapportInstruments.SearchDuration.Enabled)
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (error is null)
            {
                RapportInstruments.SearchDuration.Record(elapsed, source);
            }
            else
            {
                RapportInstruments.SearchDuration.Record(elapsed, source, new(RapportTelemetryNames.ErrorType, error.GetType().FullName));
            }
        }

        if (hits is not null && RapportInstruments.SearchResults.Enabled)
        {
            RapportInstruments.SearchResults.Record(hits.Count, source);
        }
    }

    private static void TagSearchRequest(Activity activity, MemorySearchRequest request, TelemetryPrivacy privacy)
    {
        activity.SetTag(RapportTelemetryNames.GenAIOperationName, RapportTelemetryNames.RetrievalOperation);
        activity.SetTag(RapportTelemetryNames.GenAIRequestTopK, (double)request.Top); // a double in the convention
        activity.SetTag(RapportTelemetryNames.EmbeddingModel, request.EmbeddingModel);
        activity.SetTag(RapportTelemetryNames.FilterMinQuality, request.MinQuality);
        activity.SetTag(RapportTelemetryNames.FilterMinSimilarity, request.MinSimilarity);
        activity.SetTag(RapportTelemetryNames.Outcome, request.Outcome?.ToText());
        activity.SetTag(RapportTelemetryNames.FilterSince, request.Since is { } since ? SpanTags.Iso(since) : null);
        activity.SetTag(RapportTelemetryNames.FilterUntil, request.Until is { } until ? SpanTags.Iso(until) : null);
        if (request.Text is { } text)
        {
            activity.SetTag(RapportTelemetryNames.InputChars, text.Length);
            if (privacy.IncludeSensitiveData)
            {
                activity.SetTag(RapportTelemetryNames.GenAIRetrievalQueryText, text);
            }
        }
    }

    private static void TagSearchResults(Activity activity, IReadOnlyList<MemorySearchHit> hits)
    {
        activity.SetTag(RapportTelemetryNames.ResultCount, hits.Count);
        var scores = new double[hits.Count];
        var ids = new string[hits.Count];
        var documents = new StringBuilder("[");
        for (var i = 0; i < hits.Count; i++)
        {
            scores[i] = Math.Round(hits[i].Similarity, 6);
            ids[i] = hits[i].Intervention.Id;
            documents.Append(i == 0 ? "" : ",")
                .Append(CultureInfo.InvariantCulture, $"{{\"id\":\"{ids[i]}\",\"score\":{scores[i]:R}}}");
        }

        activity.SetTag(RapportTelemetryNames.RecordIds, ids);
        activity.SetTag(RapportTelemetryNames.ResultScores, scores);
        activity.SetTag(RapportTelemetryNames.GenAIRetrievalDocuments, documents.Append(']').ToString());
    }
}
