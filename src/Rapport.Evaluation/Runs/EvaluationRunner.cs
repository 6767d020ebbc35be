using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Evaluation.Datasets;
using Rapport.Evaluation.Targets;
using Rapport.Telemetry;

namespace Rapport.Evaluation.Runs;

/// <summary>Runs an evaluation: every case of a dataset through a target, each response through the scorers.</summary>
/// <remarks>
/// Cases run in parallel up to <see cref="EvaluationRunOptions.MaxParallelism"/>. A target failure or a scorer
/// exception is recorded against its case (every metric of the affected scorers gets a failed score); the run
/// always returns one result per case, in dataset order. Cancellation stops the run and throws. Scores are also
/// published as <c>gen_ai.evaluation.result</c> events on the current span by <see cref="RapportTelemetry.RecordEvaluationResult(Activity?, EvaluationMetric, bool)"/>. Thread-safe; one runner can run several evaluations.
/// </remarks>
public sealed class EvaluationRunner
{
    private readonly List<IEvaluator> _scorers;
    private readonly EvaluationRunOptions _options;

    /// <summary>Creates a runner with <paramref name="scorers"/>.</summary>
    public EvaluationRunner(IEnumerable<IEvaluator> scorers, EvaluationRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scorers);
        _scorers = scorers.ToList();
        if (_scorers.Count == 0)
        {
            throw new ArgumentException("At least one scorer is needed.", nameof(scorers));
        }

        _options = options ?? new EvaluationRunOptions();
        _options.Validate();
    }

    /// <summary>Runs <paramref name="dataset"/> through <paramref name="target"/> and scores every response.</summary>
    public async Task<EvaluationRun> RunAsync(
        EvaluationDataset dataset,
        IEvaluationTarget target,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(target);
        var time = _options.TimeProvider;
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var results = new CaseResult[dataset.Cases.Count];
        int completed = 0, failed = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, results.Length),
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelism, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var result = await RunCaseAsync(dataset.Cases[index], target, token).ConfigureAwait(false);
                results[index] = result;
                var failedSoFar = result.Error is not null || result.Scores.Any(s => s.IsFailure)
                    ? Interlocked.Increment(ref failed)
                    : Volatile.Read(ref failed);
                progress?.Report(new EvaluationProgress(Interlocked.Increment(ref completed), results.Length, failedSoFar));
            }).ConfigureAwait(false);

        return new EvaluationRun
        {
            Id = NewRunId(startedAt),
            StartedAt = startedAt,
            DurationMs = time.GetElapsedTime(started).TotalMilliseconds,
            DatasetName = dataset.Name,
            DatasetHash = dataset.ContentHash,
            TargetDescription = target.Description,
            TargetConfigurationHash = target.ConfigurationHash,
            Metrics = _scorers.SelectMany(s => s.EvaluationMetricNames).Distinct().ToList(),
            MaxParallelism = _options.MaxParallelism,
            Cases = results,
        };
    }

    private async Task<CaseResult> RunCaseAsync(EvaluationCase item, IEvaluationTarget target, CancellationToken cancellationToken)
    {
        var time = _options.TimeProvider;
        var start = time.GetTimestamp();
        ChatResponse response;
        var messages = item.ToMessages();
        try
        {
            if (item.Transcript.Count > 0)
            {
                // A recorded conversation: its last agent turn is the response, everything before it the messages.
                var last = item.Transcript.Count - 1 - item.Transcript.Reverse().TakeWhile(m => m.Role != ChatRole.Assistant).Count();
                messages = [.. item.Transcript.Take(last)];
                response = new ChatResponse(item.Transcript[last]);
            }
            else
            {
                response = await target.RespondAsync(item, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var error = $"{e.GetType().Name}: {e.Message}";
            return new CaseResult
            {
                CaseId = item.Id,
                LatencyMs = time.GetElapsedTime(start).TotalMilliseconds,
                Error = error,
                Scores = _scorers.SelectMany(s => s.EvaluationMetricNames).Select(n => Failed(n, "no response: " + error)).ToList(),
                Tags = item.Tags,
            };
        }

        var latency = time.GetElapsedTime(start).TotalMilliseconds;
        EvaluationContext[] context = item.ExpectedTool is { } expected ? [expected] : [];
        var scores = new List<CaseScore>();
        foreach (var scorer in _scorers)
        {
            try
            {
                var result = await scorer.EvaluateAsync(messages, response, _options.ChatConfiguration, context, cancellationToken)
                    .ConfigureAwait(false);
                scores.AddRange(result.Metrics.Values.Select(ToScore));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                scores.AddRange(scorer.EvaluationMetricNames.Select(n => Failed(n, $"{e.GetType().Name}: {e.Message}")));
            }
        }

        return new CaseResult
        {
            CaseId = item.Id,
            Response = response.Text,
            ToolCalls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()
                .Select(c => new RecordedToolCall(c.Name, JsonSerializer.Serialize(c.Arguments ?? new Dictionary<string, object?>())))
                .ToList(),
            LatencyMs = latency,
            Scores = scores,
            Tags = item.Tags,
        };
    }

    private static CaseScore ToScore(EvaluationMetric metric)
    {
        double? value = metric switch
        {
            NumericMetric n => n.Value,
            BooleanMetric { Value: { } b } => b ? 1 : 0,
            _ => null,
        };
        var errors = metric.Diagnostics?.Where(d => d.Severity == EvaluationDiagnosticSeverity.Error).Select(d => d.Message).ToList();
        var error = value is null && errors is { Count: > 0 } ? string.Join("; ", errors) : null;
        bool? passed = metric.Interpretation is { } i && value is not null ? !i.Failed : null;
        RapportTelemetry.RecordEvaluationResult(Activity.Current, metric);
        return new CaseScore(metric.Name, value, metric.Reason, passed, error);
    }

    private static CaseScore Failed(string name, string error)
    {
        RapportTelemetry.RecordEvaluationResult(
            Activity.Current, name, null, RapportTelemetryNames.EvaluationFailedLabel, errorType: RapportTelemetryNames.EvaluationFailedError);
        return new CaseScore(name, null, null, null, error);
    }

    private static string NewRunId(DateTimeOffset startedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"run-{startedAt.UtcDateTime:yyyyMMdd-HHmmss}-{Random.Shared.Next(0x10000):x4}");
}
