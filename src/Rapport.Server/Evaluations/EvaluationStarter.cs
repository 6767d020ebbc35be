using Rapport.Evaluation.Datasets;
using Rapport.Evaluation.Runs;
using Rapport.Evaluation.Targets;
using Rapport.Server.Hosting;

namespace Rapport.Server.Evaluations;

/// <summary>Runs an evaluation from a request, within the request (see <see cref="RapportServerOptions.MaxEvaluationCases"/>), and saves it.</summary>
internal sealed class EvaluationStarter(RapportServerOptions options, ServerRapport rapport)
{
    /// <summary>What <c>target</c> accepts.</summary>
    public const string Targets = "recorded (with 'responses'), chat (the server's configured chat target) or transcripts (every case a recorded conversation)";

    /// <summary>Validates the request, runs every case and saves the run in <paramref name="store"/>.</summary>
    /// <exception cref="ArgumentException">The request is invalid (with what is accepted).</exception>
    /// <exception cref="EvaluationDatasetException">The dataset or the responses have bad lines.</exception>
    public async Task<EvaluationRun> RunAsync(StartEvaluationBody body, IEvaluationRunStore store, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Dataset))
        {
            throw new ArgumentException("dataset is required: the cases as JSONL text, one case per line (see docs/evaluation.md).", "dataset");
        }

        var parallel = body.Parallel ?? 4;
        if (parallel is < 1 or > 64)
        {
            throw new ArgumentException($"parallel must be 1-64 (got {parallel}).", "parallel");
        }

        var name = body.Name ?? "dataset";
        if (name.Length is 0 or > 128)
        {
            throw new ArgumentException("name must be 1-128 characters.", "name");
        }

        var scorers = EvaluationScorers.Create(body.Scorers, rapport.Embedder);
        var dataset = EvaluationDatasetReader.Parse(body.Dataset, name);
        if (dataset.Cases.Count == 0 || dataset.Cases.Count > options.MaxEvaluationCases)
        {
            throw new ArgumentException(
                $"The dataset has {dataset.Cases.Count} cases; a run over the API takes 1-{options.MaxEvaluationCases} (MaxEvaluationCases). Split it, or use rapport eval run.", "dataset");
        }

        var target = Target(body, dataset);
        var runner = new EvaluationRunner(scorers, new EvaluationRunOptions { MaxParallelism = parallel, TimeProvider = options.TimeProvider });
        var run = await runner.RunAsync(dataset, target, cancellationToken: cancellationToken).ConfigureAwait(false);
        await store.SaveAsync(run, cancellationToken).ConfigureAwait(false);
        return run;
    }

    private IEvaluationTarget Target(StartEvaluationBody body, EvaluationDataset dataset)
    {
        var kind = body.Target?.ToLowerInvariant() ?? (body.Responses is null ? "transcripts" : "recorded");
        switch (kind)
        {
            case "recorded":
                return string.IsNullOrWhiteSpace(body.Responses)
                    ? throw new ArgumentException("target 'recorded' needs 'responses': the recorded responses as JSONL text, one {\"id\", \"response\"} per case.", "responses")
                    : RecordedResponsesTarget.Parse(body.Responses, "recorded:" + dataset.Name);
            case "chat":
                return options.EvaluationChatTarget ?? throw new ArgumentException(
                    "No chat target is configured on this server (RapportServerOptions.EvaluationChatTarget): send recorded responses in 'responses' instead.", "target");
            case "transcripts":
                var needing = dataset.Cases.Count(c => c.Transcript.Count == 0);
                return needing == 0
                    ? new TranscriptsOnlyTarget()
                    : throw new ArgumentException(
                        $"{needing} case(s) of the dataset are not transcripts and need something to answer them: send 'responses' (target recorded) or use target chat.", "target");
            default:
                throw new ArgumentException($"Invalid target '{body.Target}': use {Targets}.", "target");
        }
    }
}
