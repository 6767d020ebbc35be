using System.CommandLine;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.Memory;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport recall</c>: finds a user's past interventions in situations most like the query.</summary>
internal sealed class RecallCommand : CliCommand
{
    private readonly Option<string> User = MemoryOptions.User();
    private readonly Option<string> Query = new("--query", "-q") { Description = "The current situation", Required = true };
    private readonly Option<int> Top = new("--top", "-n") { Description = "How many results, 1-1000", DefaultValueFactory = _ => 5 };
    private readonly Option<double?> MinQuality = new("--min-quality") { Description = "Only interventions with at least this quality (0-1)" };
    private readonly Option<string?> Outcome = MemoryOptions.Outcome("Only interventions with this outcome: helped, not-helped or unknown");
    private readonly Option<string[]> Kind = new("--kind", "-k") { Description = "Only these kinds (repeat for several)" };
    private readonly Option<string?> Mode = MemoryOptions.Mode("How to rank: hybrid (words and meaning, the default), dense (meaning) or lexical (words)");

    public RecallCommand(CliContext context)
        : base("recall", "Find a user's past interventions in similar situations", context)
    {
        Options.Add(User);
        Options.Add(Query);
        Options.Add(Top);
        Options.Add(MinQuality);
        Options.Add(Outcome);
        Options.Add(Kind);
        Options.Add(Mode);
    }

    /// <inheritdoc />
    protected override bool ReadsOnly => true;

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var outcomeText = parse.GetValue(Outcome);
        var kinds = parse.GetValue(Kind) ?? [];
        foreach (var kind in kinds)
        {
            MemoryLimits.ValidateName(kind, "kind", "--kind");
        }

        var top = parse.GetValue(Top);
        if (top is < 1 or > Storage.MemorySearchRequest.MaxTop)
        {
            throw new ArgumentException($"Invalid --top {top}: use 1-{Storage.MemorySearchRequest.MaxTop}.");
        }

        var request = new RecallRequest
        {
            UserId = MemoryIds.ValidateUserId(parse.GetValue(User)),
            Query = MemoryLimits.ValidateText(parse.GetValue(Query), "query", "--query"),
            Top = top,
            MinQuality = parse.GetValue(MinQuality) is { } q ? MemoryLimits.ValidateScore(q, "minimum quality", "--min-quality") : null,
            Outcome = outcomeText is null ? null : InterventionOutcomeText.Parse(outcomeText),
            Kinds = kinds.Length == 0 ? null : kinds,
            Mode = parse.GetValue(Mode) is { } mode ? MemoryOptions.ParseMode(mode) : null,
        };
        RequireExistingStore(host);
        var hits = await host.Memory.RecallAsync(request, cancellationToken).ConfigureAwait(false);
        // Only when a hit shows another embedder's vector: the count is one more store call (and trace) otherwise not needed.
        var status = hits.Any(h => h.Intervention.EmbeddingModel != host.Memory.EmbeddingModel)
            ? await host.Memory.GetEmbeddingStatusAsync(request.UserId, cancellationToken).ConfigureAwait(false)
            : null;
        if (status is { AwaitingReembedding: > 0 })
        {
            Console.Notice(
                $"{status.AwaitingReembedding} of {request.UserId}'s memories await re-embedding with {status.Embedder}: found by their words only " +
                "until 'rapport reembed' runs.");
        }

        if (parse.GetValue(Context.Global.Json))
        {
            Console.WriteJson([.. hits.Select(h => InterventionJson.From(h.Intervention, h.Similarity, h.Score))], CliJson.Output.ListInterventionJson);
            return ExitCodes.Success;
        }

        if (hits.Count == 0)
        {
            Console.WriteLine($"No memories of {request.UserId} match.");
            return ExitCodes.Success;
        }

        // One block per hit, no table: the id is printed whole on its own line (a 32-character id in a table column
        // wraps at 80 columns and cannot be pasted into outcome --id), and long texts are cut on a word boundary.
        var rank = 0;
        foreach (var hit in hits)
        {
            var i = hit.Intervention;
            var quality = i.Quality?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) ?? "-";
            Console.Output.WriteLine(
                $"{++rank}. score {hit.Score.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}  {TextFit.Line(i.Kind, 20)}  {i.Outcome.ToText()}  quality {quality}");
            Console.Output.WriteLine("   id:        " + i.Id);
            Console.Output.WriteLine("   situation: " + TextFit.Line(i.Situation, TextFit.Width - 14));
            Console.Output.WriteLine("   text:      " + TextFit.Line(i.Text, TextFit.Width - 14));
        }

        return ExitCodes.Success;
    }
}
