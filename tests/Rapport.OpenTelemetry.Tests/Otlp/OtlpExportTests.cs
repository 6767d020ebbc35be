using Rapport.Telemetry;
using Google.Protobuf;
using Rapport.Memory;
using Rapport.OpenTelemetry.Otlp;

namespace Rapport.OpenTelemetry.Tests.Otlp;

[Collection(HostCollection.Name)]
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Export_ToLoopbackOtlpHttpReceiver_ReceivedSpansMatch()
    {
        await using var receiver = await OtlpHttpReceiver.StartAsync();
        var environment = new Dictionary<string, string>
        {
            [OtlpEnvironment.EndpointVariable] = receiver.BaseAddress.ToString(),
            [OtlpEnvironment.HeadersVariable] = "x-api-key=test-key",
        };
        string recallTraceId;
        string userHash;
        await using (var hosted = new HostedMemory(environment))
        {
            await hosted.Memory.RecordAsync(HostedMemory.Sample("ana", "tired"));
            await hosted.Memory.RecallAsync(new RecallRequest { UserId = "ana", Query = "tired" });
            hosted.Host.Flush();
            recallTraceId = (await hosted.Traces.ListTracesAsync()).First(t => t.Operation == RapportTelemetryNames.SearchMemoryOperation).TraceId;
            userHash = hosted.Host.Pseudonymizer.Pseudonymize("ana");
        }

        var spans = receiver.Requests
            .SelectMany(r => r.ResourceSpans)
            .SelectMany(r => r.InstrumentationLibrarySpans)
            .SelectMany(s => s.Spans)
            .ToList();
        Assert.All(receiver.ApiKeys, key => Assert.Equal("test-key", key));
        var service = receiver.Requests.First().ResourceSpans[0].Resource.Attributes.Single(a => a.Key == "service.name");
        Assert.Equal("rapport", service.Value.StringValue);
        var recallSpans = spans.Where(s => Hex(s.TraceId) == recallTraceId).ToList();
        Assert.Equal(3, recallSpans.Count); // search_memory, embeddings, retrieval
        var recall = recallSpans.Single(s => s.Name == RapportTelemetryNames.SearchMemoryOperation);
        var search = recallSpans.Single(s => s.Name == "retrieval sqlite");
        Assert.True(recall.ParentSpanId.IsEmpty);
        Assert.Equal(recall.SpanId, search.ParentSpanId);
        Assert.Equal("retrieval", search.Attributes.Single(a => a.Key == RapportTelemetryNames.GenAIOperationName).Value.StringValue);
        Assert.Equal(1, search.Attributes.Single(a => a.Key == RapportTelemetryNames.ResultCount).Value.IntValue);
        Assert.Equal(userHash, search.Attributes.Single(a => a.Key == RapportTelemetryNames.UserHash).Value.StringValue);
        Assert.True(search.EndTimeUnixNano > search.StartTimeUnixNano);
        Assert.Contains(spans, s => s.Name == RapportTelemetryNames.CreateMemoryOperation);
        Assert.DoesNotContain(spans.SelectMany(s => s.Attributes), a => a.Value.StringValue.Contains("tired", StringComparison.Ordinal));
    }

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.ToByteArray());
}
