using System.CommandLine;
using System.Globalization;
using Rapport.Cli.Demo;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.Demo;
using Spectre.Console;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport demo</c>: a simulated cohort meets three coaches; shows how much of the gap to the oracle Rapport closes.</summary>
internal sealed class DemoCommand : CliCommand
{
    private readonly Option<int> Users = new("--users") { Description = "Simulated users", DefaultValueFactory = _ => 200 };
    private readonly Option<int> Sessions = new("--sessions") { Description = "Sessions per user", DefaultValueFactory = _ => 10 };
    private readonly Option<int> Turns = new("--interventions") { Description = "Interventions per session, 1-5", DefaultValueFactory = _ => 5 };
    private readonly Option<int[]> Seeds = new("--seed") { Description = "Seeds to run (repeat for several)", DefaultValueFactory = _ => [1, 2, 3], AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> Data = new("--data") { Description = "A new or empty folder for the demo's stores (default: <home>/demo/<time>)" };

    public DemoCommand(CliContext context)
        : base("demo", "Simulate a cohort and compare coaching without memory, with Rapport, and with an oracle", context)
    {
        Options.Add(Users);
        Options.Add(Sessions);
        Options.Add(Turns);
        Options.Add(Seeds);
        Options.Add(Data);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var seeds = parse.GetValue(Seeds) is { Length: > 0 } s ? s.Distinct().ToArray() : [1];
        var folder = Path.GetFullPath(parse.GetValue(Data)
            ?? Path.Combine(host.Home, "demo", host.Time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
        // One embedding cache for every seed: the seeds word situations from the same bank.
        var embeddings = new PhrasingEmbeddingCache(host.Embedder);
        // The bank's vectors are the same on every run with the same model and build: kept in <home>/demo (no user text in them).
        await BankEmbeddingFile.PrepareAsync(embeddings, Path.Combine(host.Home, "demo"), cancellationToken).ConfigureAwait(false);
        var options = seeds.Select(seed => new SimulationOptions
        {
            Users = parse.GetValue(Users),
            Sessions = parse.GetValue(Sessions),
            TurnsPerSession = parse.GetValue(Turns),
            Seed = seed,
            DataFolder = Path.Combine(folder, $"seed-{seed}"),
            Embedder = embeddings,
            // The lexical behaviour model, as before turns were scored by MiniLM: 10,000 simulated turns per seed would each
            // embed their response (the demo took over ten minutes instead of about one); the demo measures learning, not scoring.
            Scorers = [new Rapport.Evaluation.Scorers.QualityEvaluator()],
        }).ToList();
        foreach (var option in options)
        {
            option.Validate();
        }

        var reports = await DemoRunner.RunAsync(Console, options, cancellationToken).ConfigureAwait(false);
        // Left in the data folder for rapport dashboard: the curves (the --json document) and each seed's first and last sessions as runs.
        await DemoFiles.WriteAsync(DemoJson.From(reports, folder), folder, cancellationToken).ConfigureAwait(false);
        var runs = await DemoEvaluationRuns.SaveAsync(reports, folder, host.Home, host.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (parse.GetValue(Context.Global.Json))
        {
            Console.WriteJson(DemoJson.From(reports, folder), CliJson.Output.DemoJson);
        }
        else
        {
            DemoOutput.Write(Console, reports, folder, host.EmbedderDescription);
            Console.WriteLine($"{runs.Count} evaluation runs saved (first vs last session per seed); see them and the curves with: rapport dashboard");
        }

        return ExitCodes.Success;
    }
}
