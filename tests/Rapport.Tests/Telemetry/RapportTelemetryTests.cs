using Rapport.Telemetry;

namespace Rapport.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class RapportTelemetryTests
{
    [Fact]
    public void RecordEvaluationResult_OnSpan_AddsGenAIEvaluationEventAndScoreMetric()
    {
        using var capture = new TelemetryCapture();
        using (var span = RapportTelemetry.Source.StartActivity("chat"))
        {
            RapportTelemetry.RecordEvaluationResult(span, "brevity", 0.8, "pass", explanation: "quotes the user");
        }

        var evaluation = Assert.Single(capture.Single("chat").Events);
        Assert.Equal("gen_ai.evaluation.result", evaluation.Name);
        var tags = evaluation.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal("brevity", tags["gen_ai.evaluation.name"]);
        Assert.Equal(0.8, tags["gen_ai.evaluation.score.value"]);
        Assert.Equal("pass", tags["gen_ai.evaluation.score.label"]);
        Assert.False(tags.ContainsKey(RapportTelemetryNames.GenAIEvaluationExplanation));
        Assert.Contains(capture.Points(RapportTelemetryNames.EvaluationScoreMetric), p => p.GetHistogramCount() >= 1);
    }

    [Fact]
    public void RecordContextTokensOutboxAndStoreError_WithMeterListener_AreMeasured()
    {
        using var capture = new TelemetryCapture();

        RapportTelemetry.RecordContextTokens(null, 240);
        RapportTelemetry.RecordOutboxDepth("redis", 7);
        RapportTelemetry.RecordStoreError("redis", "outbox.flush", new TimeoutException("x"));

        Assert.Contains(capture.Points(RapportTelemetryNames.ContextTokensMetric), p => p.GetHistogramSum() >= 240);
        Assert.Contains(capture.Points(RapportTelemetryNames.OutboxDepthMetric), p => p.GetGaugeLastValueLong() == 7);
        Assert.Contains(capture.Points(RapportTelemetryNames.StoreErrorsMetric), p => p.GetSumLong() >= 1);
    }

    [Fact]
    public void CreateEvaluationEvent_EmptyName_Throws()
    {
        Assert.Throws<ArgumentException>(() => RapportTelemetry.CreateEvaluationEvent(" ", 1));
    }
}
