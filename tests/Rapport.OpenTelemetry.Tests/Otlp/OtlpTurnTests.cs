using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Opentelemetry.Proto.Common.V1;
using OtlpSpan = Opentelemetry.Proto.Trace.V1.Span;
using Rapport.Evaluation.Scorers;
using Rapport.Memory;
using Rapport.OpenTelemetry.Hosting;
using Rapport.OpenTelemetry.Otlp;
using Rapport.SelfImprovement;
using Rapport.Sqlite;
using Rapport.Telemetry;

namespace Rapport.OpenTelemetry.Tests.Otlp;

/// <summary>Acceptance 5 of issue 13: an OTLP capture of one turn shows the GenAI memory spans and one
/// <c>gen_ai.evaluation.result</c> event per score.</summary>
[Collection(HostCollection.Name)]
public sealed class OtlpTurnTests : IDisposable
{
    private const string Situation = "I can't sleep the night before my exam and Karen keeps texting me";
    private readonly string _home = Directory.CreateTempSubdirectory("rapport-otlp-turn-").FullName;

    [Fact]
    public async Task OneTurn_ExportedOverOtlpHttp_GenAIMemorySpansAndOneEvaluationEventPerScore()
    {
        await using var receiver = await OtlpHttpReceiver.StartAsync();
        var environment = new Dictionary<string, string> { [OtlpEnvironment.EndpointVariable] = receiver.BaseAddress.ToString() };
        // The weighted quality scorer runs brevity, supportiveness and tool usage, and adds quality: four scores.
        var scorers = new IEvaluator[] { new QualityEvaluator() };
        RapportMemory memory;
        Rapport.Recording.RecordedIntervention recorded;
        string userHash;
        using (var host = RapportTelemetryHost.Start(new() { Home = _home, LocalTraces = false, Environment = name => environment.GetValueOrDefault(name) }))
        {
            await using var services = new ServiceCollection().AddRapport(o => { o.Home = _home; o.UseSqlite(); }).Services.BuildServiceProvider();
            memory = services.GetRequiredService<RapportMemory>();
            var loop = new RapportLoop(memory, scorers);

            // One turn: what memory knows (search), the scored answer recorded, then the outcome.
            var turn = await loop.PrepareTurnAsync("ana", "s1", Situation);
            recorded = await loop.CompleteTurnAsync(
                turn,
                new ChatResponse(new ChatMessage(ChatRole.Assistant, "That sounds exhausting. Let's try three slow breaths together, then put the phone away.")),
                new TurnCompletion { Kind = "breathing" });
            await loop.SetOutcomeAsync(recorded.Intervention.Id, InterventionOutcome.Helped, 5);
            userHash = host.Pseudonymizer.Pseudonymize("ana");
        }

        var spans = receiver.Requests.SelectMany(r => r.ResourceSpans).SelectMany(r => r.InstrumentationLibrarySpans)
            .SelectMany(s => s.Spans).ToList();
        var id = recorded.Intervention.Id;

        var search = Assert.Single(spans, s => s.Name == RapportTelemetryNames.SearchMemoryOperation);
        Assert.Equal(OtlpSpan.Types.SpanKind.Internal, search.Kind);
        Assert.Equal(RapportTelemetryNames.SearchMemoryOperation, Text(search, RapportTelemetryNames.GenAIOperationName));
        Assert.Equal("sqlite", Text(search, RapportTelemetryNames.GenAIMemoryStoreId));
        Assert.Equal(0, Attribute(search, RapportTelemetryNames.GenAIMemoryRecordCount).IntValue);
        Assert.Equal(userHash, Text(search, RapportTelemetryNames.UserHash));
        Assert.Equal("recall", Text(search, RapportTelemetryNames.Operation));
        Assert.DoesNotContain(search.Attributes, a => a.Key == RapportTelemetryNames.GenAIMemoryQueryText);
        var retrieval = Assert.Single(spans, s => s.Name == "retrieval sqlite");
        Assert.Equal(search.SpanId, retrieval.ParentSpanId);
        Assert.Equal(OtlpSpan.Types.SpanKind.Client, retrieval.Kind);

        var loopRecord = Assert.Single(spans, s => s.Name == RapportTelemetryNames.LoopRecordSpan);
        var create = Assert.Single(spans, s => s.Name == RapportTelemetryNames.CreateMemoryOperation);
        Assert.Equal(loopRecord.SpanId, create.ParentSpanId);
        Assert.Equal(RapportTelemetryNames.CreateMemoryOperation, Text(create, RapportTelemetryNames.GenAIOperationName));
        Assert.Equal(id, Text(create, RapportTelemetryNames.GenAIMemoryRecordId));
        Assert.Equal(1, Attribute(create, RapportTelemetryNames.GenAIMemoryRecordCount).IntValue);
        Assert.Equal("sqlite", Text(create, RapportTelemetryNames.GenAIMemoryStoreId));
        Assert.Equal(userHash, Text(create, RapportTelemetryNames.UserHash));

        var update = Assert.Single(spans, s => s.Name == RapportTelemetryNames.UpdateMemoryOperation);
        Assert.Equal(RapportTelemetryNames.UpdateMemoryOperation, Text(update, RapportTelemetryNames.GenAIOperationName));
        Assert.Equal(id, Text(update, RapportTelemetryNames.GenAIMemoryRecordId));
        Assert.Equal("helped", Text(update, RapportTelemetryNames.Outcome));

        // One evaluation event per score, all on the span that scored the answer, and nowhere else.
        var metrics = recorded.Evaluation.Metrics.Values.ToList();
        Assert.True(metrics.Count >= 3, $"{metrics.Count} metrics");
        var events = spans.SelectMany(s => s.Events.Select(e => (Span: s, Event: e)))
            .Where(x => x.Event.Name == RapportTelemetryNames.GenAIEvaluationResultEvent).ToList();
        Assert.All(events, x => Assert.Equal(loopRecord.SpanId, x.Span.SpanId));
        Assert.Equal(metrics.Select(m => m.Name).Order(), events.Select(x => Text(x.Event.Attributes, RapportTelemetryNames.GenAIEvaluationName)).Order());
        foreach (var metric in metrics.OfType<NumericMetric>().Where(m => m.Value is not null))
        {
            var evaluation = Assert.Single(events, x => Text(x.Event.Attributes, RapportTelemetryNames.GenAIEvaluationName) == metric.Name).Event;
            Assert.Equal(metric.Value!.Value, Attribute(evaluation.Attributes, RapportTelemetryNames.GenAIEvaluationScoreValue).DoubleValue, 6);
            Assert.False(string.IsNullOrEmpty(Text(evaluation.Attributes, RapportTelemetryNames.GenAIEvaluationScoreLabel)));
            Assert.DoesNotContain(evaluation.Attributes, a => a.Key == RapportTelemetryNames.GenAIEvaluationExplanation);
        }

        var everything = spans.SelectMany(s => s.Attributes.Concat(s.Events.SelectMany(e => e.Attributes)));
        Assert.DoesNotContain(everything, a => a.Value.StringValue.Contains("Karen", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static AnyValue Attribute(OtlpSpan span, string key) => Attribute(span.Attributes, key);

    private static AnyValue Attribute(IEnumerable<KeyValue> attributes, string key) => Assert.Single(attributes, a => a.Key == key).Value;

    private static string Text(OtlpSpan span, string key) => Attribute(span, key).StringValue;

    private static string Text(IEnumerable<KeyValue> attributes, string key) => Attribute(attributes, key).StringValue;
}
