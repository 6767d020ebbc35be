using Rapport.Telemetry;
using System.Diagnostics;
using Rapport.Memory;
using Rapport.OpenTelemetry.LocalTraces;
using Rapport.OpenTelemetry.Redaction;

namespace Rapport.OpenTelemetry.Tests.LocalTraces;

[Collection(HostCollection.Name)]
public sealed class LocalTraceStoreTests
{
    private const string Secret = "my boss Karen yelled at me about the Henderson report";

    [Fact]
    public async Task ListTracesAsync_AfterRememberAndRecall_ListsBothAndDrawsNestedTree()
    {
        await using var hosted = new HostedMemory();
        await hosted.Memory.RecordAsync(HostedMemory.Sample("ana", "stressed before the exam"));
        await hosted.Memory.RecallAsync(new RecallRequest { UserId = "ana", Query = "exam" });
        hosted.Host.Flush();

        var traces = await hosted.Traces.ListTracesAsync();

        Assert.Equal([RapportTelemetryNames.SearchMemoryOperation, RapportTelemetryNames.CreateMemoryOperation], traces.Select(t => t.Operation));
        var recall = traces[0];
        Assert.Equal(3, recall.SpanCount); // recall no longer counts embedders first (it never fails on them since issue 19)
        Assert.Equal(ActivityStatusCode.Unset, recall.Status);
        var tree = Assert.Single(TraceTree.Build((await hosted.Traces.GetTraceAsync(recall.TraceId))!));
        Assert.Equal(RapportTelemetryNames.SearchMemoryOperation, tree.Span.Name);
        Assert.Equal(["embeddings", "retrieval sqlite"], tree.Children.Select(c => c.Span.Name.Split(' ')[0] == "embeddings" ? "embeddings" : c.Span.Name).Order());
        var search = tree.Children.Single(c => c.Span.Name == "retrieval sqlite").Span;
        Assert.Equal("retrieval", search.Attributes[RapportTelemetryNames.GenAIOperationName]);
        Assert.Equal(1L, search.Attributes[RapportTelemetryNames.ResultCount]);
        Assert.True(recall.Duration >= search.Duration);
    }

    [Fact]
    public async Task ListTracesAsync_AfterRetention_TracesAreGoneAndPurged()
    {
        await using var hosted = new HostedMemory();
        await hosted.Memory.RecallAsync(new RecallRequest { UserId = "ana", Query = "exam" });
        hosted.Host.Flush();
        var traceId = Assert.Single(await hosted.Traces.ListTracesAsync()).TraceId;

        hosted.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        Assert.Empty(await hosted.Traces.ListTracesAsync());
        Assert.Null(await hosted.Traces.GetTraceAsync(traceId));
        Assert.Equal(3, await hosted.Traces.PurgeExpiredAsync());
    }

    [Fact]
    public async Task ListTracesAsync_BeforeRetentionEnds_TracesStay()
    {
        await using var hosted = new HostedMemory();
        await hosted.Memory.RecallAsync(new RecallRequest { UserId = "ana", Query = "exam" });
        hosted.Host.Flush();

        hosted.Time.Advance(TimeSpan.FromDays(6));

        Assert.Single(await hosted.Traces.ListTracesAsync());
        Assert.Equal(0, await hosted.Traces.PurgeExpiredAsync());
    }

    [Fact]
    public async Task ForgetUserAsync_TwoUsers_RemovesOnlyThatUsersTraces()
    {
        await using var hosted = new HostedMemory();
        await hosted.Memory.RecordAsync(HostedMemory.Sample("ana", "tired"));
        await hosted.Memory.RecallAsync(new RecallRequest { UserId = "ana", Query = "tired" });
        await hosted.Memory.RecallAsync(new RecallRequest { UserId = "bob", Query = "tired" });
        await hosted.Store.ForgetUserAsync("ana");

        var removed = await hosted.Host.ForgetUserAsync("ana");

        Assert.Equal(6, removed);
        var left = await hosted.Traces.ListTracesAsync();
        Assert.Equal(2, left.Count);
        var bob = (await hosted.Traces.GetTraceAsync(left.Single(t => t.Operation == RapportTelemetryNames.SearchMemoryOperation).TraceId))!;
        Assert.Contains(bob, s => Equals(s.Attributes.GetValueOrDefault(RapportTelemetryNames.UserHash), hosted.Host.Pseudonymizer.Pseudonymize("bob")));
        Assert.Contains(left, t => t.Operation == RapportTelemetryNames.DeleteMemoryOperation);
    }

    [Fact]
    public async Task ForgetUserAsync_LeavesNoTraceIdOfTheUserInAnyByteOfTheTraceStore()
    {
        await using var hosted = new HostedMemory();
        await hosted.Memory.RecordAsync(HostedMemory.Sample("ana", "tired"));
        await hosted.Memory.RecallAsync(new RecallRequest { UserId = "ana", Query = "tired" });
        hosted.Host.Flush();
        var ids = (await hosted.Traces.ListTracesAsync()).Select(t => t.TraceId).ToList();
        Assert.NotEmpty(ids);

        await hosted.Host.ForgetUserAsync("ana");

        foreach (var file in Directory.GetFiles(hosted.Home, "traces.db*"))
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }

            Assert.All(ids, id => Assert.True(bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(id)) < 0, $"{Path.GetFileName(file)} still holds trace {id}"));
        }
    }

    [Fact]
    public async Task Write_SpansCarryUserText_StoreKeepsNoneUnlessOptedIn()
    {
        await using var hosted = new HostedMemory(coreSensitive: true);
        await hosted.Memory.RecallAsync(new RecallRequest { UserId = "ana", Query = Secret });
        await Assert.ThrowsAsync<ArgumentException>(() => hosted.Memory.RecallAsync(new RecallRequest { UserId = Secret, Query = "x" }));
        hosted.Host.Flush();

        var stored = await AllSpansAsync(hosted.Traces);

        var text = string.Join('\n', stored.Select(Describe));
        Assert.DoesNotContain("Karen", text, StringComparison.Ordinal);
        Assert.Contains(stored, s => Equals(s.Attributes.GetValueOrDefault(RapportTelemetryNames.GenAIMemoryQueryText), TraceRedactor.Redacted));
        Assert.Contains(stored, s => Equals(s.Attributes.GetValueOrDefault(RapportTelemetryNames.UserId), TraceRedactor.Redacted));
        Assert.Contains(stored, s => s.Status == ActivityStatusCode.Error && s.StatusDescription == TraceRedactor.Redacted);
    }

    [Fact]
    public async Task Write_StoreOptedIn_KeepsUserText()
    {
        await using var hosted = new HostedMemory(coreSensitive: true, storeSensitive: true);
        await hosted.Memory.RecallAsync(new RecallRequest { UserId = "ana", Query = Secret });
        hosted.Host.Flush();

        var stored = await AllSpansAsync(hosted.Traces);

        Assert.Contains(stored, s => Equals(s.Attributes.GetValueOrDefault(RapportTelemetryNames.GenAIMemoryQueryText), Secret));
    }

    [Fact]
    public async Task ListTracesAsync_ErrorsAndOperationFilters_SelectMatchingTraces()
    {
        await using var hosted = new HostedMemory();
        await hosted.Memory.RecordAsync(HostedMemory.Sample("ana", "tired"));
        await Assert.ThrowsAsync<ArgumentException>(() => hosted.Memory.RecallAsync(new RecallRequest { UserId = "not valid", Query = "x" }));
        hosted.Host.Flush();

        var errors = await hosted.Traces.ListTracesAsync(new TraceQuery { ErrorsOnly = true });
        var records = await hosted.Traces.ListTracesAsync(new TraceQuery { Operation = "CREATE_MEMORY" });
        var last = await hosted.Traces.ListTracesAsync(new TraceQuery { Last = 1 });

        var error = Assert.Single(errors);
        Assert.Equal(RapportTelemetryNames.SearchMemoryOperation, error.Operation);
        Assert.Equal(ActivityStatusCode.Error, error.Status);
        Assert.Equal(1, error.ErrorCount);
        Assert.Equal(RapportTelemetryNames.CreateMemoryOperation, Assert.Single(records).Operation);
        Assert.Equal(error.TraceId, Assert.Single(last).TraceId);
    }

    [Fact]
    public async Task GetTraceAsync_PrefixOrBadId_FindsOrExplains()
    {
        await using var hosted = new HostedMemory();
        await hosted.Memory.RecallAsync(new RecallRequest { UserId = "ana", Query = "x" });
        hosted.Host.Flush();
        var traceId = Assert.Single(await hosted.Traces.ListTracesAsync()).TraceId;

        Assert.Equal(3, (await hosted.Traces.GetTraceAsync(traceId[..8].ToUpperInvariant()))!.Count);
        Assert.Null(await hosted.Traces.GetTraceAsync(new string('0', 32)));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => hosted.Traces.GetTraceAsync("nothex!"));
        Assert.Contains("32 hex digits", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => hosted.Traces.ListTracesAsync(new TraceQuery { Last = 0 }));
    }

    private static async Task<List<TraceSpan>> AllSpansAsync(LocalTraceStore traces)
    {
        var spans = new List<TraceSpan>();
        foreach (var trace in await traces.ListTracesAsync(new TraceQuery { Last = 100 }))
        {
            spans.AddRange((await traces.GetTraceAsync(trace.TraceId))!);
        }

        return spans;
    }

    private static string Describe(TraceSpan span) =>
        string.Join('\n', new[] { span.Name, span.StatusDescription ?? "" }
            .Concat(span.Attributes.Select(a => $"{a.Key}={Flatten(a.Value)}"))
            .Concat(span.Events.SelectMany(e => e.Attributes.Select(a => $"{a.Key}={Flatten(a.Value)}"))));

    private static string Flatten(object? value) => value is object?[] items ? string.Join(',', items) : value?.ToString() ?? "";
}
