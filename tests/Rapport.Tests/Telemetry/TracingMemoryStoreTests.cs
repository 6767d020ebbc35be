using System.Diagnostics;
using Rapport.Memory;
using Rapport.Storage;
using Rapport.Telemetry;

namespace Rapport.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class TracingMemoryStoreTests
{
    private const string Secret = "my boss Karen yelled at me about the Henderson report";

    [Fact]
    public async Task RecallAsync_WithListener_NestsEmbeddingAndRetrievalUnderRecall()
    {
        await using var fixture = new TracedMemoryFixture();
        await fixture.Memory.RecordAsync(Sample("ana", "stressed before the exam", quality: 0.9));
        using var capture = new TelemetryCapture();

        var hits = await fixture.Memory.RecallAsync(new RecallRequest { UserId = "ana", Query = "exam stress", Top = 3, MinQuality = 0.5 });

        var recall = capture.Single(RapportTelemetryNames.SearchMemoryOperation);
        var search = capture.Single("retrieval sqlite");
        var embed = Assert.Single(capture.Spans, s => s.GetTagItem("gen_ai.operation.name") as string == "embeddings");
        Assert.Equal(capture.Root.SpanId, recall.ParentSpanId);
        Assert.Equal(recall.SpanId, search.ParentSpanId);
        Assert.Equal(recall.SpanId, embed.ParentSpanId);
        Assert.Equal("retrieval", search.GetTagItem(RapportTelemetryNames.GenAIOperationName));
        Assert.Equal("sqlite", search.GetTagItem(RapportTelemetryNames.GenAIDataSourceId));
        Assert.Equal(3.0, search.GetTagItem(RapportTelemetryNames.GenAIRequestTopK));
        Assert.Equal(0.5, search.GetTagItem(RapportTelemetryNames.FilterMinQuality));
        Assert.Equal(hits.Count, search.GetTagItem(RapportTelemetryNames.ResultCount));
        Assert.Equal(hits.Select(h => Math.Round(h.Similarity, 6)), (double[])search.GetTagItem(RapportTelemetryNames.ResultScores)!);
        Assert.Equal(hits.Select(h => h.Intervention.Id), (string[])search.GetTagItem(RapportTelemetryNames.RecordIds)!);
        Assert.Contains($"\"id\":\"{hits[0].Intervention.Id}\"", (string)search.GetTagItem(RapportTelemetryNames.GenAIRetrievalDocuments)!, StringComparison.Ordinal);
        Assert.Equal(fixture.Hash("ana"), search.GetTagItem(RapportTelemetryNames.UserHash));
        Assert.Equal(fixture.Hash("ana"), recall.GetTagItem(RapportTelemetryNames.UserHash));
        Assert.Equal(ActivityStatusCode.Unset, recall.Status);
        Assert.Equal(ActivityKind.Internal, recall.Kind);
        Assert.Equal(RapportTelemetryNames.SearchMemoryOperation, recall.GetTagItem(RapportTelemetryNames.GenAIOperationName));
        Assert.Equal("sqlite", recall.GetTagItem(RapportTelemetryNames.GenAIMemoryStoreId));
        Assert.Equal(hits.Count, recall.GetTagItem(RapportTelemetryNames.GenAIMemoryRecordCount));
        Assert.Equal("recall", recall.GetTagItem(RapportTelemetryNames.Operation));
        Assert.Null(recall.GetTagItem(RapportTelemetryNames.GenAIMemoryQueryText));
        Assert.Null(recall.GetTagItem(RapportTelemetryNames.GenAIMemoryRecords));
    }

    [Fact]
    public async Task RecordAsync_ByDefault_SpansCarryNoUserTextNorRawUserId()
    {
        await using var fixture = new TracedMemoryFixture();
        using var capture = new TelemetryCapture();

        var stored = await fixture.Memory.RecordAsync(Sample("karen.user@example.com", Secret, quality: 0.7));
        await fixture.Memory.RecallAsync(new RecallRequest { UserId = "karen.user@example.com", Query = Secret });

        var text = SpanText.Of(capture.Spans);
        Assert.DoesNotContain("Karen", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Henderson", text, StringComparison.Ordinal);
        Assert.DoesNotContain("karen.user@example.com", text, StringComparison.Ordinal);
        var record = capture.Single(RapportTelemetryNames.CreateMemoryOperation);
        Assert.Equal(RapportTelemetryNames.CreateMemoryOperation, record.GetTagItem(RapportTelemetryNames.GenAIOperationName));
        Assert.Equal(stored.Id, record.GetTagItem(RapportTelemetryNames.GenAIMemoryRecordId));
        Assert.Equal(1, record.GetTagItem(RapportTelemetryNames.GenAIMemoryRecordCount));
        var storeRecord = capture.Single(RapportTelemetryNames.StoreSpanPrefix + "record");
        Assert.Equal(record.SpanId, storeRecord.ParentSpanId);
        Assert.Equal(new[] { stored.Id }, (string[])storeRecord.GetTagItem(RapportTelemetryNames.RecordIds)!);
        Assert.Equal(new[] { "breathing" }, (string[])storeRecord.GetTagItem(RapportTelemetryNames.Kinds)!);
        Assert.Equal(Secret.Length + stored.Text.Length, storeRecord.GetTagItem(RapportTelemetryNames.InputChars));
        Assert.Equal(fixture.Hash("karen.user@example.com"), storeRecord.GetTagItem(RapportTelemetryNames.UserHash));
    }

    [Fact]
    public async Task RecallAsync_InvalidUserIdQuotingUser_ErrorStatusWithRedactedMessage()
    {
        await using var fixture = new TracedMemoryFixture();
        using var capture = new TelemetryCapture();

        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Memory.RecallAsync(new RecallRequest { UserId = Secret, Query = "x" }));

        var recall = capture.Single(RapportTelemetryNames.SearchMemoryOperation);
        Assert.Equal(ActivityStatusCode.Error, recall.Status);
        Assert.Equal(typeof(ArgumentException).FullName, recall.GetTagItem(RapportTelemetryNames.ErrorType));
        var exception = Assert.Single(recall.Events, e => e.Name == "exception");
        Assert.Equal(typeof(ArgumentException).FullName, exception.Tags.Single(t => t.Key == RapportTelemetryNames.ExceptionType).Value);
        Assert.Contains("redacted", (string)exception.Tags.Single(t => t.Key == RapportTelemetryNames.ExceptionMessage).Value!, StringComparison.Ordinal);
        Assert.DoesNotContain("Karen", SpanText.Of(recall), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAsync_StoreFails_ErrorStatusAndStoreErrorMetric()
    {
        await using var fixture = new TracedMemoryFixture();
        using var capture = new TelemetryCapture();
        var request = new MemorySearchRequest { UserId = "ana", Embedding = new float[384], Top = MemorySearchRequest.MaxTop + 1, Text = Secret };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => fixture.Store.SearchAsync(request));

        var search = capture.Single("retrieval sqlite");
        Assert.Equal(ActivityStatusCode.Error, search.Status);
        Assert.NotNull(search.GetTagItem(RapportTelemetryNames.ErrorType));
        Assert.DoesNotContain("Karen", SpanText.Of(search), StringComparison.Ordinal);
        var errors = capture.Points(RapportTelemetryNames.StoreErrorsMetric);
        Assert.Contains(errors, p => p.GetSumLong() >= 1 && Tag(p, RapportTelemetryNames.Operation) == "search");
    }

    [Fact]
    public async Task RecallAsync_SensitiveDataOptedIn_RecordsQueryTextRecordsAndRawUserId()
    {
        await using var fixture = new TracedMemoryFixture(includeSensitiveData: true);
        using var capture = new TelemetryCapture();

        await fixture.Memory.RecordAsync(Sample("ana", Secret, quality: 0.9));
        await fixture.Memory.RecallAsync(new RecallRequest { UserId = "ana", Query = Secret });

        var search = capture.Single("retrieval sqlite");
        var recall = capture.Single(RapportTelemetryNames.SearchMemoryOperation);
        Assert.Equal(Secret, search.GetTagItem(RapportTelemetryNames.GenAIRetrievalQueryText));
        Assert.Equal("ana", search.GetTagItem(RapportTelemetryNames.UserId));
        Assert.Equal(Secret, recall.GetTagItem(RapportTelemetryNames.GenAIMemoryQueryText));
        using var records = System.Text.Json.JsonDocument.Parse((string)recall.GetTagItem(RapportTelemetryNames.GenAIMemoryRecords)!);
        var first = Assert.Single(records.RootElement.EnumerateArray());
        Assert.Equal(Secret, first.GetProperty("content").GetProperty("situation").GetString());
        Assert.True(first.GetProperty("score").GetDouble() > 0);
    }

    [Fact]
    public async Task SetOutcomeAndForget_WithListener_TagOutcomeAndForgetCarriesNoUserHash()
    {
        await using var fixture = new TracedMemoryFixture();
        var stored = await fixture.Memory.RecordAsync(Sample("ana", "tired", quality: null));
        using var capture = new TelemetryCapture();

        await fixture.Memory.SetOutcomeAsync(stored.Id, InterventionOutcome.Helped, 5);
        var removed = await fixture.Store.ForgetUserAsync("ana");

        var outcome = capture.Single(RapportTelemetryNames.UpdateMemoryOperation);
        Assert.Equal(stored.Id, outcome.GetTagItem(RapportTelemetryNames.RecordId));
        Assert.Equal(stored.Id, outcome.GetTagItem(RapportTelemetryNames.GenAIMemoryRecordId));
        Assert.Equal(RapportTelemetryNames.UpdateMemoryOperation, outcome.GetTagItem(RapportTelemetryNames.GenAIOperationName));
        Assert.Equal("helped", outcome.GetTagItem(RapportTelemetryNames.Outcome));
        Assert.Equal(true, outcome.GetTagItem(RapportTelemetryNames.Found));
        Assert.Equal(fixture.Hash("ana"), outcome.GetTagItem(RapportTelemetryNames.UserHash));
        var forget = capture.Single(RapportTelemetryNames.DeleteMemoryOperation);
        Assert.Equal(removed, forget.GetTagItem(RapportTelemetryNames.RecordCount));
        Assert.Equal(removed, forget.GetTagItem(RapportTelemetryNames.GenAIMemoryRecordCount));
        Assert.Equal("forget_user", forget.GetTagItem(RapportTelemetryNames.Operation));
        Assert.Equal("sqlite", forget.GetTagItem(RapportTelemetryNames.GenAIMemoryStoreId));
        Assert.Null(forget.GetTagItem(RapportTelemetryNames.GenAIMemoryRecordId));
        Assert.Null(forget.GetTagItem(RapportTelemetryNames.UserHash));
    }

    [Fact]
    public async Task SetOutcome_NothingUpdated_SpansKeepNoRecordId_SinceForgetCouldNotFindThem()
    {
        // An outcome queued while Redis is down returns null like an unknown id: its spans name no user, so they must not
        // keep the id of the user's record past a forget.
        await using var fixture = new TracedMemoryFixture();
        using var capture = new TelemetryCapture();
        const string Unknown = "0123456789abcdef0123456789abcdef";

        Assert.Null(await fixture.Memory.SetOutcomeAsync(Unknown, InterventionOutcome.Helped, 5));

        Assert.NotEmpty(capture.Spans);
        Assert.DoesNotContain(Unknown, SpanText.Of(capture.Spans), StringComparison.Ordinal);
        var outcome = capture.Single(RapportTelemetryNames.UpdateMemoryOperation);
        Assert.Equal(false, outcome.GetTagItem(RapportTelemetryNames.Found));
        Assert.Equal("helped", outcome.GetTagItem(RapportTelemetryNames.Outcome));
    }

    [Fact]
    public async Task RecordAndRecall_WithMeterListener_RecordsStoredSearchAndQualityMetrics()
    {
        await using var fixture = new TracedMemoryFixture();
        using var capture = new TelemetryCapture();

        await fixture.Memory.RecordManyAsync([Sample("ana", "a", 0.25), Sample("ana", "b", 0.75)]);
        await fixture.Memory.AddReflectionAsync("ana", "s1", "went well");
        await fixture.Memory.RecallAsync(new RecallRequest { UserId = "ana", Query = "a" });

        var stored = capture.Points(RapportTelemetryNames.StoredMetric);
        Assert.Contains(stored, p => Tag(p, RapportTelemetryNames.RecordType) == "intervention" && p.GetSumLong() >= 2);
        Assert.Contains(stored, p => Tag(p, RapportTelemetryNames.RecordType) == "reflection" && p.GetSumLong() >= 1);
        Assert.Contains(capture.Points(RapportTelemetryNames.SearchesMetric), p => Tag(p, RapportTelemetryNames.GenAIDataSourceId) == "sqlite" && p.GetSumLong() >= 1);
        Assert.Contains(capture.Points(RapportTelemetryNames.SearchDurationMetric), p => p.GetHistogramCount() >= 1);
        Assert.Contains(capture.Points(RapportTelemetryNames.SearchResultsMetric), p => p.GetHistogramCount() >= 1 && p.GetHistogramSum() >= 2);
        Assert.Contains(capture.Points(RapportTelemetryNames.QualityMetric), p => p.GetHistogramCount() >= 2);
    }

    private static string? Tag(OpenTelemetry.Metrics.MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value as string;
            }
        }

        return null;
    }

    internal static NewIntervention Sample(string user, string situation, double? quality) => new()
    {
        UserId = user,
        Situation = situation,
        Kind = "breathing",
        Text = "Let's take three slow breaths together.",
        Quality = quality,
    };
}
