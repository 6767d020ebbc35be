using System.Diagnostics;
using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Telemetry;

/// <summary>A store decorator that makes every operation a span and feeds the store metrics.</summary>
/// <remarks>
/// <para>
/// Spans start from <see cref="RapportTelemetry.Source"/>, one per call, named <c>rapport.store.&lt;operation&gt;</c>;
/// forgetting a user and purging expired records are GenAI memory spans named <c>delete_memory</c> (with
/// <c>gen_ai.memory.store.id</c>, <c>gen_ai.memory.record.count</c> and <c>rapport.operation</c>);
/// a search is a GenAI retrieval span named <c>retrieval &lt;data source&gt;</c> with <c>gen_ai.operation.name</c>,
/// <c>gen_ai.data_source.id</c>, the filters, the result count, ids and scores. Attributes carry ids, counts,
/// sizes, filters and scores; user text (a search's query) and raw user ids only when
/// <see cref="TelemetryPrivacy.IncludeSensitiveData"/> is on, and otherwise the user as a keyed hash.
/// A failure sets the error status with the exception type and a redacted message, counts
/// <c>rapport.store.errors</c>, and rethrows unchanged.
/// </para>
/// <para>
/// With no activity listener and no enabled instrument every call goes straight to the inner store: no span, no
/// extra allocation. Thread-safe when the inner store is; disposing it disposes the inner store.
/// </para>
/// </remarks>
public sealed partial class TracingMemoryStore : DelegatingMemoryStore
{
    private readonly TelemetryPrivacy _privacy;
    private readonly string _searchSpanName;

    /// <summary>Wraps <paramref name="innerStore"/>.</summary>
    /// <param name="innerStore">The store to trace.</param>
    /// <param name="privacy">What spans may carry; the default records no user text and hashes user ids with a per-process key.</param>
    public TracingMemoryStore(IMemoryStore innerStore, TelemetryPrivacy? privacy = null)
        : base(innerStore)
    {
        _privacy = privacy ?? TelemetryPrivacy.Default;
        DataSourceId = DataSourceOf(innerStore.Description);
        _searchSpanName = $"{RapportTelemetryNames.RetrievalOperation} {DataSourceId}";
    }

    /// <summary>Gets the store's id on spans and metrics (<c>gen_ai.data_source.id</c>): the scheme of its description, for example <c>sqlite</c>.</summary>
    /// <remarks>Only the scheme, never the rest of the description, which may hold a path or a host name.</remarks>
    public string DataSourceId { get; }

    private static bool Traced => RapportTelemetry.Source.HasListeners() || RapportInstruments.StoreErrors.Enabled;

    private static bool SearchObserved =>
        Traced || RapportInstruments.Searches.Enabled || RapportInstruments.SearchDuration.Enabled || RapportInstruments.SearchResults.Enabled;

    private static bool WriteObserved => Traced || RapportInstruments.Stored.Enabled || RapportInstruments.Quality.Enabled;

    internal static string DataSourceOf(string description)
    {
        var colon = description.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 ? description[..colon] : description;
        return scheme.Length is > 0 and <= 32 && scheme.All(char.IsAsciiLetterOrDigit) ? scheme.ToLowerInvariant() : "store";
    }

    private Activity? Start(string spanName, string? userId)
    {
        var activity = RapportTelemetry.Source.StartActivity(spanName, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(RapportTelemetryNames.GenAIDataSourceId, DataSourceId);
            SpanTags.SetUser(activity, userId, _privacy);
        }

        return activity;
    }

    /// <summary>Starts a GenAI memory span (named by its operation alone, as the convention says), with Rapport's operation beside it.</summary>
    private Activity? StartMemory(string memoryOperation, string operation, string? userId)
    {
        var activity = Start(memoryOperation, userId);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(RapportTelemetryNames.GenAIOperationName, memoryOperation);
            activity.SetTag(RapportTelemetryNames.GenAIMemoryStoreId, DataSourceId);
            activity.SetTag(RapportTelemetryNames.Operation, operation);
        }

        return activity;
    }

    private void Fail(Activity? activity, string operation, Exception error)
    {
        if (activity is not null)
        {
            SpanTags.SetFailure(activity, error, _privacy);
        }

        if (error is not OperationCanceledException)
        {
            RapportTelemetry.RecordStoreError(DataSourceId, operation, error);
        }
    }

    private async Task<TResult> TraceAsync<TState, TResult>(
        string operation, string? userId, TState state,
        Func<IMemoryStore, TState, CancellationToken, Task<TResult>> call,
        Action<Activity, TState, TResult>? tagResult,
        CancellationToken cancellationToken,
        string? memoryOperation = null)
    {
        using var activity = memoryOperation is null
            ? Start(RapportTelemetryNames.StoreSpanPrefix + operation, userId)
            : StartMemory(memoryOperation, operation, userId);
        try
        {
            var result = await call(InnerStore, state, cancellationToken).ConfigureAwait(false);
            if (activity is { IsAllDataRequested: true } && tagResult is not null)
            {
                tagResult(activity, state, result);
            }

            return result;
        }
        catch (Exception ex)
        {
            Fail(activity, operation, ex);
            throw;
        }
    }
}
