using System.CommandLine;
using System.Globalization;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.Memory;
using Spectre.Console;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport reembed</c>: gives every memory a vector of the embedder in use (or the one named) and binds the store to it.</summary>
/// <remarks>Resumable (a stopped run keeps what it finished; run it again) and idempotent (memories that already have the embedder's
/// vector are skipped). Recall keeps working meanwhile.</remarks>
internal sealed class ReembedCommand : CliCommand
{
    private readonly Option<string?> User = new("--user", "-u") { Description = "Re-embed only this user's memories (default: every user)" };
    private readonly Option<string?> Embedder = new("--embedder", "-e")
    {
        Description = "The embedder to move to, for example minilm or hashing (default: RAPPORT_EMBEDDER, else minilm)",
    };

    private readonly Option<int> Batch = new("--batch") { Description = "Situations embedded per call, 1-4096", DefaultValueFactory = _ => 64 };

    public ReembedCommand(CliContext context)
        : base("reembed", "Re-embed stored memories with the embedder in use (after switching embedders)", context)
    {
        Options.Add(User);
        Options.Add(Embedder);
        Options.Add(Batch);
    }

    protected override string? EmbedderOverride(ParseResult parse) => parse.GetValue(Embedder);

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var request = new ReembedRequest
        {
            UserId = parse.GetValue(User) is { } user ? MemoryIds.ValidateUserId(user, "--user") : null,
            BatchSize = parse.GetValue(Batch) is var batch and >= 1 and <= 4_096
                ? batch
                : throw new ArgumentException($"Invalid --batch {parse.GetValue(Batch)}: use 1-4096."),
        };
        RequireExistingStore(host);
        var json = parse.GetValue(Context.Global.Json);
        var result = Console.IsInteractive && !json
            ? await RunWithProgressAsync(host.Memory, request, cancellationToken).ConfigureAwait(false)
            : await host.Memory.ReembedAsync(request, null, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            Console.WriteJson(
                new ReembedJson(
                    result.Embedder, result.PreviousEmbedder, result.Users, result.Reembedded, result.AlreadyCurrent, result.Remaining,
                    result.Elapsed.TotalSeconds, result.PerSecond),
                CliJson.Output.ReembedJson);
            return ExitCodes.Success;
        }

        var from = result.PreviousEmbedder is { } previous && previous != result.Embedder ? $" (was {previous})" : "";
        Console.WriteLine(
            $"Re-embedded {result.Reembedded} memories of {result.Users} user(s) with {result.Embedder}{from} in " +
            $"{result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s " +
            $"({result.PerSecond.ToString("0", CultureInfo.InvariantCulture)}/s); {result.AlreadyCurrent} already had its vectors.");
        if (result.Remaining > 0)
        {
            Console.Notice($"{result.Remaining} memories changed during the run and still await re-embedding: run 'rapport reembed' again.");
        }

        return ExitCodes.Success;
    }

    private Task<ReembedResult> RunWithProgressAsync(RapportMemory memory, ReembedRequest request, CancellationToken cancellationToken) =>
        Console.Out.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("re-embedding", maxValue: 1);
            var report = new InlineProgress(p =>
            {
                task.MaxValue = Math.Max(1, p.Pending);
                task.Value = p.Reembedded;
                task.Description = Markup.Escape($"re-embedding ({p.UsersDone}/{p.Users} users)");
            });
            var result = await memory.ReembedAsync(request, report, cancellationToken).ConfigureAwait(false);
            task.Value = task.MaxValue;
            return result;
        });

    // Progress<T> would post to the thread pool and could update the bar after the run ended.
    private sealed class InlineProgress(Action<ReembedProgress> report) : IProgress<ReembedProgress>
    {
        public void Report(ReembedProgress value) => report(value);
    }
}
