using System.Diagnostics;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Memory;
using Rapport.Recording;
using Rapport.Telemetry;
using Rapport.Tests.SelfImprovement;

namespace Rapport.Tests.Telemetry;

/// <summary>The one writer of <c>gen_ai.evaluation.result</c>: metrics to events, and the recorder's one event per score.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class EvaluationEventTests
{
    [Fact]
    public async Task RecorderRecordAsync_TwoScores_OneEventPerScoreOnTheRecordSpan()
    {
        await using var fixture = new TracedMemoryFixture();
        var recorder = new InterventionRecorder(fixture.Memory, [new ScriptedScorer()]);
        using var capture = new TelemetryCapture();

        await recorder.RecordAsync(new NewIntervention { UserId = "ana", Situation = "tired", Kind = "breathing", Text = "Breathe with me." });

        var record = capture.Single(RapportTelemetryNames.LoopRecordSpan);
        var events = record.Events.Where(e => e.Name == RapportTelemetryNames.GenAIEvaluationResultEvent).Select(Tags).ToList();
        Assert.Equal(["quality", "brevity"], events.Select(e => e[RapportTelemetryNames.GenAIEvaluationName]));
        Assert.Equal([0.9, 1.0], events.Select(e => e[RapportTelemetryNames.GenAIEvaluationScoreValue]));
        Assert.Equal(record.SpanId, capture.Single(RapportTelemetryNames.CreateMemoryOperation).ParentSpanId);
        Assert.DoesNotContain(capture.Spans.Where(s => s != record).SelectMany(s => s.Events), e => e.Name == RapportTelemetryNames.GenAIEvaluationResultEvent);
    }

    [Fact]
    public void RecordEvaluationResult_Metrics_ValueLabelErrorAndExplanationOnlyWhenSensitive()
    {
        using var capture = new TelemetryCapture();
        var rated = new NumericMetric("supportiveness", 0.75, "the user said Karen was rude")
        {
            Interpretation = new EvaluationMetricInterpretation(EvaluationRating.Good),
        };
        var failed = new NumericMetric("judge", value: null, reason: "timeout");
        failed.AddDiagnostics(EvaluationDiagnostic.Error("timeout"));
        using (var span = RapportTelemetry.Source.StartActivity("chat"))
        {
            RapportTelemetry.RecordEvaluationResult(span, rated);
            RapportTelemetry.RecordEvaluationResult(span, new BooleanMetric("tool_used", true));
            RapportTelemetry.RecordEvaluationResult(span, failed);
            RapportTelemetry.RecordEvaluationResult(span, new NumericMetric("n/a"));
            RapportTelemetry.RecordEvaluationResult(span, rated, includeSensitiveData: true);
        }

        var events = capture.Single("chat").Events.Select(Tags).ToList();
        Assert.Equal(5, events.Count);
        Assert.Equal("good", events[0][RapportTelemetryNames.GenAIEvaluationScoreLabel]);
        Assert.False(events[0].ContainsKey(RapportTelemetryNames.GenAIEvaluationExplanation));
        Assert.Equal(1.0, events[1][RapportTelemetryNames.GenAIEvaluationScoreValue]);
        Assert.Equal(RapportTelemetryNames.EvaluationFailedLabel, events[2][RapportTelemetryNames.GenAIEvaluationScoreLabel]);
        Assert.Equal(RapportTelemetryNames.EvaluationFailedError, events[2][RapportTelemetryNames.ErrorType]);
        Assert.False(events[2].ContainsKey(RapportTelemetryNames.GenAIEvaluationScoreValue));
        Assert.Equal(RapportTelemetryNames.EvaluationNotApplicableLabel, events[3][RapportTelemetryNames.GenAIEvaluationScoreLabel]);
        Assert.Equal("the user said Karen was rude", events[4][RapportTelemetryNames.GenAIEvaluationExplanation]);
    }

    private static Dictionary<string, object?> Tags(ActivityEvent e) => e.Tags.ToDictionary(t => t.Key, t => t.Value);
}
