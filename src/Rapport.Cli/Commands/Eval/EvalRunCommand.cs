using System.CommandLine;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.Evaluation.Comparison;
using Rapport.Evaluation.Datasets;
using Rapport.Evaluation.Runs;
using Spectre.Console;

namespace Rapport.Cli.Commands.Eval;

/// <summary><c>rapport eval run</c>: runs a dataset through a target, scores every response and saves the run.</summary>
internal sealed class EvalRunCommand : CliCommand
{
    private readonly Option<string> Dataset = new("--dataset", "-d") { Description = "The dataset: JSONL, one case per line", Required = true };
    private readonly Option<string?> Target = new("--target", "-t") { Description = "What answers the cases: " + EvalTargets.Accepted + "; not needed when every case is a transcript" };
    private readonly Option<string[]> Scorer = new("--scorer", "-s") { Description = $"Scorers to run (repeat): {string.Join(", ", EvalScorers.Names)}; default quality (all three plus the weighted quality)" };
    private readonly Option<int> Parallel = new("--parallel", "-p") { Description = "How many cases run at once, 1-64", DefaultValueFactory = _ => 4 };
    private readonly Option<string?> Judge = new("--judge")
    {
        Description = $"The chat model of judge scorers: {ChatModelSettings.Accepted} (default: {ChatModelSettings.ProviderVariable} and {ChatModelSettings.ModelVariable}; " +
            $"the API key only from {ChatModelSettings.ApiKeyVariable})",
    };

    public EvalRunCommand(CliContext context)
        : base("run", "Run a dataset through a target, score every response, and save the run", context)
    {
        Options.Add(Dataset);
        Options.Add(Target);
        Options.Add(Scorer);
        Options.Add(Parallel);
        Options.Add(Judge);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var parallel = parse.GetValue(Parallel);
        if (parallel is < 1 or > 64)
        {
            throw new ArgumentException($"Invalid --parallel {parallel}: use 1-64.");
        }

        var names = parse.GetValue(Scorer) ?? [];
        var judgeFlag = parse.GetValue(Judge);
        if (judgeFlag is not null && !EvalScorers.WantsJudge(names))
        {
            throw new ArgumentException($"--judge names the chat model of judge scorers, but none was asked for: add --scorer {EvalScorers.SupportivenessJudge}.");
        }

        var chatModel = EvalScorers.WantsJudge(names) ? host.ChatModel(judgeFlag) : null;
        using var judge = chatModel?.CreateClient();
        var scorers = EvalScorers.Create(names, judge, host.Time, host.Embedder);
        var dataset = await EvaluationDatasetReader.LoadAsync(parse.GetValue(Dataset)!, cancellationToken);
        var (target, ownedByTarget) = await EvalTargets.OpenAsync(parse.GetValue(Target), dataset, host.Environment, cancellationToken);
        using var targetClient = ownedByTarget;
        var runner = new EvaluationRunner(scorers, new EvaluationRunOptions { MaxParallelism = parallel, TimeProvider = host.Time });
        var json = parse.GetValue(Context.Global.Json);
        EvaluationRun run;
        if (Console.IsInteractive && !json)
        {
            run = await Console.Out.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask($"{Markup.Escape(dataset.Name)} x {Markup.Escape(target.Description)}", maxValue: dataset.Cases.Count);
                    return await runner.RunAsync(dataset, target, new ProgressTaskReporter(task), cancellationToken);
                });
        }
        else
        {
            run = await runner.RunAsync(dataset, target, cancellationToken: cancellationToken);
        }

        var store = FileEvaluationRunStore.InHome(host.Home);
        await store.SaveAsync(run, cancellationToken);
        var summary = RunSummary.Of(run);
        // A target that answered nothing (a chat model that is unreachable or unknown) fails the run in one line, as a judge does.
        var judgeFailure = (ownedByTarget is null ? null : EvalJudgeFailures.DescribeTarget(run)) ?? (chatModel is null ? null : EvalJudgeFailures.Describe(run));
        if (json)
        {
            Console.WriteJson(summary, CliJson.Output.RunSummary);
            if (judgeFailure is not null)
            {
                Console.Error(judgeFailure);
            }

            return judgeFailure is null ? ExitCodes.Success : ExitCodes.Failure;
        }

        Console.WriteLine($"run {run.Id}: {run.Cases.Count} cases of {run.DatasetName} x {run.TargetDescription} (config {run.TargetConfigurationHash})");
        if (chatModel is not null)
        {
            Console.WriteLine($"judge: {chatModel.Describe()}");
        }

        Console.Write(EvalTables.Metrics(summary));
        Console.WriteLine($"latency mean {EvalFormat.Ms(summary.LatencyMeanMs)}, p95 {EvalFormat.Ms(summary.LatencyP95Ms)}; target errors {summary.TargetErrors}, failed scores {summary.FailedScores}");
        Console.WriteLine($"saved in {store.Folder}");
        if (judgeFailure is not null)
        {
            Console.Error(judgeFailure);
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    // Reports straight into the Spectre task (thread-safe), not through Progress<T>, which posts asynchronously.
    private sealed class ProgressTaskReporter(ProgressTask task) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) => task.Value = Math.Max(task.Value, value.Completed);
    }
}
