namespace Rapport.Telemetry;

/// <summary>The names Rapport's telemetry uses: span names, attribute keys, event names and metric instruments.</summary>
/// <remarks>
/// The one place every name lives (the source, the meter, spans, attributes, events, instruments); docs/telemetry.md says
/// which published convention each follows. Attribute keys under <c>gen_ai.*</c>, <c>error.*</c> and <c>exception.*</c> follow the OpenTelemetry semantic
/// conventions (the GenAI ones for memory, retrieval and evaluation); keys under <c>rapport.*</c> are Rapport's own. Keys marked
/// <em>sensitive</em> carry user text or raw user ids and are only set when the operator opts in
/// (<see cref="RapportTelemetryOptions.IncludeSensitiveData"/>).
/// </remarks>
public static class RapportTelemetryNames
{
    /// <summary>The name of Rapport's <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string SourceName = "Rapport";

    /// <summary>Memory span and <c>gen_ai.operation.name</c>: a search of memories (<see cref="Memory.RapportMemory.RecallAsync"/>).</summary>
    /// <remarks>GenAI memory spans are named by their operation alone (<c>{gen_ai.operation.name}</c>); see docs/telemetry.md.</remarks>
    public const string SearchMemoryOperation = "search_memory";

    /// <summary>Memory span and <c>gen_ai.operation.name</c>: new memory records (<see cref="Memory.RapportMemory.RecordManyAsync"/>,
    /// <see cref="Memory.RapportMemory.AddReflectionAsync"/>).</summary>
    public const string CreateMemoryOperation = "create_memory";

    /// <summary>Memory span and <c>gen_ai.operation.name</c>: a change to a known record (<see cref="Memory.RapportMemory.SetOutcomeAsync"/>).</summary>
    public const string UpdateMemoryOperation = "update_memory";

    /// <summary>Memory span and <c>gen_ai.operation.name</c>: a write that creates or replaces without the caller choosing
    /// (<see cref="Memory.RapportMemory.SaveProfileAsync"/>).</summary>
    public const string UpsertMemoryOperation = "upsert_memory";

    /// <summary>Memory span and <c>gen_ai.operation.name</c>: records removed (forgetting a user, purging expired records).</summary>
    public const string DeleteMemoryOperation = "delete_memory";

    /// <summary>Prefix of the store spans other than searches and deletions: <c>rapport.store.</c> followed by the operation (<c>record</c>, <c>get</c>...).</summary>
    public const string StoreSpanPrefix = "rapport.store.";

    /// <summary>Span: the loop's context building (<see cref="Context.MemoryContextBuilder"/>).</summary>
    public const string ContextBuildSpan = "rapport.context.build";

    /// <summary>Span: a recommendation of intervention kinds (<see cref="Learning.KindRecommender"/>).</summary>
    public const string RecommendSpan = "rapport.learning.recommend";

    /// <summary>Span: scoring and recording one intervention (<see cref="Recording.InterventionRecorder"/>); its evaluation events go here.</summary>
    public const string LoopRecordSpan = "rapport.loop.record";

    /// <summary>Span: a session's reflection (<see cref="Reflection.SessionReflector"/>).</summary>
    public const string LoopReflectSpan = "rapport.loop.reflect";

    /// <summary>Span: one chat turn through the memory chat client (<see cref="ChatClients.RapportMemoryChatClient"/>).</summary>
    public const string ChatSpan = "rapport.chat";

    /// <summary>The GenAI operation name of a store search span (<c>gen_ai.operation.name</c>).</summary>
    public const string RetrievalOperation = "retrieval";

    /// <summary>Event name of a failure, with the <c>exception.*</c> attributes.</summary>
    public const string ExceptionEvent = "exception";

    /// <summary>Attribute: the GenAI operation (a memory operation above, or <c>retrieval</c> on store searches).</summary>
    public const string GenAIOperationName = "gen_ai.operation.name";

    /// <summary>Attribute of memory spans: the memory store, Rapport's store scheme (<c>sqlite</c>, <c>redis</c>...), as <see cref="GenAIDataSourceId"/>.</summary>
    public const string GenAIMemoryStoreId = "gen_ai.memory.store.id";

    /// <summary>Attribute of memory spans: the one record the operation addresses or created.</summary>
    public const string GenAIMemoryRecordId = "gen_ai.memory.record.id";

    /// <summary>Attribute of memory spans: records returned (search), attempted (create, update, upsert) or deleted.</summary>
    public const string GenAIMemoryRecordCount = "gen_ai.memory.record.count";

    /// <summary>Attribute of memory spans (sensitive): the search query.</summary>
    public const string GenAIMemoryQueryText = "gen_ai.memory.query.text";

    /// <summary>Attribute of memory spans (sensitive): the records stored or found, as JSON <c>[{"id":..,"score":..,"content":..}]</c>.</summary>
    public const string GenAIMemoryRecords = "gen_ai.memory.records";

    /// <summary>Attribute: which store was searched, for example <c>sqlite</c> or <c>redis</c>.</summary>
    public const string GenAIDataSourceId = "gen_ai.data_source.id";

    /// <summary>Attribute: how many results a search asked for (the GenAI retrieval span's <c>gen_ai.request.top_k</c>).</summary>
    public const string GenAIRequestTopK = "gen_ai.request.top_k";

    /// <summary>Attribute: the documents a search returned, as JSON <c>[{"id":..,"score":..}]</c> (ids and scores only).</summary>
    public const string GenAIRetrievalDocuments = "gen_ai.retrieval.documents";

    /// <summary>Attribute (sensitive): the query text of a search.</summary>
    public const string GenAIRetrievalQueryText = "gen_ai.retrieval.query.text";

    /// <summary>Event: one evaluation result (<c>RapportTelemetry.RecordEvaluationResult</c>, its one writer).</summary>
    public const string GenAIEvaluationResultEvent = "gen_ai.evaluation.result";

    /// <summary>Attribute of <see cref="GenAIEvaluationResultEvent"/>: the evaluator's name, for example <c>brevity</c>.</summary>
    public const string GenAIEvaluationName = "gen_ai.evaluation.name";

    /// <summary>Attribute of <see cref="GenAIEvaluationResultEvent"/>: the numeric score.</summary>
    public const string GenAIEvaluationScoreValue = "gen_ai.evaluation.score.value";

    /// <summary>Attribute of <see cref="GenAIEvaluationResultEvent"/>: the score's label, for example <c>pass</c>.</summary>
    public const string GenAIEvaluationScoreLabel = "gen_ai.evaluation.score.label";

    /// <summary>Attribute of <see cref="GenAIEvaluationResultEvent"/> (sensitive): the evaluator's explanation.</summary>
    public const string GenAIEvaluationExplanation = "gen_ai.evaluation.explanation";

    /// <summary>Attribute of <see cref="GenAIEvaluationResultEvent"/>: the completion evaluated, when the span is not its own.</summary>
    public const string GenAIResponseId = "gen_ai.response.id";

    /// <summary>Attribute set by Microsoft.Extensions.AI's GenAI spans: the model requested.</summary>
    public const string GenAIRequestModel = "gen_ai.request.model";

    /// <summary>Attribute set by Microsoft.Extensions.AI's GenAI spans: the model that answered.</summary>
    public const string GenAIResponseModel = "gen_ai.response.model";

    /// <summary>Attribute set by Microsoft.Extensions.AI's GenAI spans: the provider.</summary>
    public const string GenAIProviderName = "gen_ai.provider.name";

    /// <summary>Attribute set by older GenAI instrumentation: the provider (replaced by <see cref="GenAIProviderName"/>).</summary>
    public const string GenAISystem = "gen_ai.system";

    /// <summary>Attribute of GenAI token metrics: input or output.</summary>
    public const string GenAITokenType = "gen_ai.token.type";

    /// <summary>Attribute of GenAI chat spans: why the model stopped.</summary>
    public const string GenAIResponseFinishReasons = "gen_ai.response.finish_reasons";

    /// <summary>Attribute of GenAI tool spans: the tool's name.</summary>
    public const string GenAIToolName = "gen_ai.tool.name";

    /// <summary>Attribute of GenAI agent spans: the agent's name.</summary>
    public const string GenAIAgentName = "gen_ai.agent.name";

    /// <summary>Attribute: the server a client span called.</summary>
    public const string ServerAddress = "server.address";

    /// <summary>Attribute some exporters add with the span status.</summary>
    public const string OtelStatusCode = "otel.status_code";

    /// <summary>Value of <see cref="GenAIEvaluationScoreLabel"/> when an evaluator could not score.</summary>
    public const string EvaluationFailedLabel = "failed";

    /// <summary>Value of <see cref="GenAIEvaluationScoreLabel"/> when a metric did not apply (no value, no error).</summary>
    public const string EvaluationNotApplicableLabel = "not_applicable";

    /// <summary>Value of <see cref="ErrorType"/> on an evaluation result whose evaluator failed.</summary>
    public const string EvaluationFailedError = "evaluation_failed";

    /// <summary>Attribute: the error's type (exception type name), on failed spans and error metrics.</summary>
    public const string ErrorType = "error.type";

    /// <summary>Attribute of the <c>exception</c> event: the exception's type.</summary>
    public const string ExceptionType = "exception.type";

    /// <summary>Attribute of the <c>exception</c> event: its message, redacted unless sensitive data is on.</summary>
    public const string ExceptionMessage = "exception.message";

    /// <summary>Attribute of the <c>exception</c> event: its stack trace (code locations only).</summary>
    public const string ExceptionStacktrace = "exception.stacktrace";

    /// <summary>Attribute: a keyed hash of the user id (<see cref="UserIdPseudonymizer"/>), used to delete a user's traces.</summary>
    public const string UserHash = "rapport.user.hash";

    /// <summary>Attribute (sensitive): the raw user id.</summary>
    public const string UserId = "rapport.user.id";

    /// <summary>Attribute: the session id.</summary>
    public const string SessionId = "rapport.session.id";

    /// <summary>The tenant a multi-tenant host (the server) served the span for: an operator-chosen name, never user text.</summary>
    public const string Tenant = "rapport.tenant";

    /// <summary>Attribute: the id of the record an operation addresses or produced (one record).</summary>
    public const string RecordId = "rapport.record.id";

    /// <summary>Attribute: the ids of the records an operation produced or returned.</summary>
    public const string RecordIds = "rapport.record.ids";

    /// <summary>Attribute: the record type (<c>intervention</c>, <c>reflection</c>, <c>profile</c>).</summary>
    public const string RecordType = "rapport.record.type";

    /// <summary>Attribute: how many records an operation wrote, removed or listed.</summary>
    public const string RecordCount = "rapport.record.count";

    /// <summary>Attribute: the intervention kinds involved (a written record's kinds, or a search's kind filter).</summary>
    public const string Kinds = "rapport.intervention.kinds";

    /// <summary>Attribute: the outcome set, or a search's outcome filter.</summary>
    public const string Outcome = "rapport.outcome";

    /// <summary>Attribute: the rating set (1..5).</summary>
    public const string Rating = "rapport.rating";

    /// <summary>Attribute: whether an addressed record was found.</summary>
    public const string Found = "rapport.found";

    /// <summary>Attribute: a search's minimum-quality filter.</summary>
    public const string FilterMinQuality = "rapport.filter.min_quality";

    /// <summary>Attribute: a search's minimum-similarity filter.</summary>
    public const string FilterMinSimilarity = "rapport.filter.min_similarity";

    /// <summary>Attribute: a search's lower time bound (ISO 8601).</summary>
    public const string FilterSince = "rapport.filter.since";

    /// <summary>Attribute: a search's upper time bound (ISO 8601).</summary>
    public const string FilterUntil = "rapport.filter.until";

    /// <summary>Attribute: the similarity scores of a search's results, best first.</summary>
    public const string ResultScores = "rapport.result.scores";

    /// <summary>Attribute: how many results a search returned.</summary>
    public const string ResultCount = "rapport.result.count";

    /// <summary>Attribute: the length in characters of the text an operation took in (no text itself).</summary>
    public const string InputChars = "rapport.input.chars";

    /// <summary>Attribute: the embedder that produced the vectors of an operation.</summary>
    public const string EmbeddingModel = "rapport.embedding.model";

    /// <summary>Attribute: the quality scores of written interventions.</summary>
    public const string Qualities = "rapport.quality";

    /// <summary>Attribute: how many insights a reflection has.</summary>
    public const string ReflectionInsights = "rapport.reflection.insights";

    /// <summary>Attribute: live interventions counted by a stats call.</summary>
    public const string StatsInterventions = "rapport.stats.interventions";

    /// <summary>Attribute: live reflections counted by a stats call.</summary>
    public const string StatsReflections = "rapport.stats.reflections";

    /// <summary>Attribute: users counted by a stats call.</summary>
    public const string StatsUsers = "rapport.stats.users";

    /// <summary>Attribute: the context size in tokens (<see cref="RapportTelemetry.RecordContextTokens"/>).</summary>
    public const string ContextTokens = "rapport.context.tokens";

    /// <summary>Attribute: Rapport's own name of the operation (<c>recall</c>, <c>record</c>, <c>forget_user</c>...), on memory
    /// spans beside <see cref="GenAIOperationName"/> and on the store metrics.</summary>
    public const string Operation = "rapport.operation";

    /// <summary>Attribute: the kind a recommendation ranked first.</summary>
    public const string BestKind = "rapport.learning.best_kind";

    /// <summary>Counter: records stored, by <see cref="RecordType"/>.</summary>
    public const string StoredMetric = "rapport.memory.stored";

    /// <summary>Counter: searches run, by <see cref="GenAIDataSourceId"/>.</summary>
    public const string SearchesMetric = "rapport.memory.searches";

    /// <summary>Histogram: search latency in seconds.</summary>
    public const string SearchDurationMetric = "rapport.memory.search.duration";

    /// <summary>Histogram: results returned per search.</summary>
    public const string SearchResultsMetric = "rapport.memory.search.results";

    /// <summary>Histogram: the quality (0..1) of stored interventions.</summary>
    public const string QualityMetric = "rapport.memory.quality";

    /// <summary>Histogram: evaluation scores, by <see cref="GenAIEvaluationName"/>.</summary>
    public const string EvaluationScoreMetric = "rapport.evaluation.score";

    /// <summary>Histogram: the size in tokens of the memory context injected into a prompt.</summary>
    public const string ContextTokensMetric = "rapport.context.tokens";

    /// <summary>Gauge: entries waiting in a store's outbox.</summary>
    public const string OutboxDepthMetric = "rapport.outbox.depth";

    /// <summary>Counter: failed store operations, by <see cref="Operation"/> and <see cref="ErrorType"/>.</summary>
    public const string StoreErrorsMetric = "rapport.store.errors";

    /// <summary>Counter: store reads answered empty because the store was unavailable, by <see cref="Operation"/>.</summary>
    public const string DegradedReadsMetric = "rapport.store.degraded_reads";

    /// <summary>Counter: searches answered from a process's cached snapshot as it was (the user's version unchanged).</summary>
    public const string CacheHitsMetric = "rapport.store.cache.hits";

    /// <summary>Counter: searches that brought a cached snapshot up to date by reading only what changed since (another
    /// process's or instance's writes).</summary>
    public const string CacheRefreshesMetric = "rapport.store.cache.refreshes";

    /// <summary>Counter: searches that loaded a user's whole snapshot (never seen, evicted, or forgotten since).</summary>
    public const string CacheMissesMetric = "rapport.store.cache.misses";

    /// <summary>Counter: bytes of snapshots evicted to keep the cache under its bound (estimated, see <see cref="Search.UserVectorSet.EstimatedBytes"/>).</summary>
    public const string CacheEvictedBytesMetric = "rapport.store.cache.evicted_bytes";

    /// <summary>Gauge: bytes the process's snapshot caches hold (estimated).</summary>
    public const string CacheBytesMetric = "rapport.store.cache.bytes";

    /// <summary>Span: one dashboard page (the root of its trace), with <see cref="DashboardView"/> and <see cref="Tenant"/>.</summary>
    public const string DashboardPageSpan = "rapport.dashboard.page";

    /// <summary>Span: one read of a dashboard page (store aggregates, local traces, evaluation runs, the demo's results), with <see cref="DashboardSource"/>.</summary>
    public const string DashboardReadSpan = "rapport.dashboard.read";

    /// <summary>Attribute: the dashboard view served (<c>overview</c>, <c>users</c>, <c>traces</c>...).</summary>
    public const string DashboardView = "rapport.dashboard.view";

    /// <summary>Attribute: what a dashboard read asked for (<c>memory.overview</c>, <c>traces.list</c>, <c>runs.list</c>...).</summary>
    public const string DashboardSource = "rapport.dashboard.source";

    /// <summary>Baggage on a dashboard page's spans: the local trace store keeps none of them, so browsing never buries the traces it shows.</summary>
    public const string DashboardBaggage = "rapport.dashboard";

    /// <summary>Counter: writes kept in a store's local outbox while it was unavailable, by <see cref="Operation"/>.</summary>
    public const string OutboxQueuedMetric = "rapport.store.outbox.queued";

    /// <summary>Counter: outbox writes replayed to the store, by <see cref="Operation"/>.</summary>
    public const string OutboxReplayedMetric = "rapport.store.outbox.replayed";
}
