using System.CommandLine;
using System.Globalization;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.Evaluation.Retrieval;
using Rapport.Search;
using Rapport.Sqlite;
using Spectre.Console;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport bench retrieval</c>: evidence recall@k of search on a LoCoMo-format file.</summary>
/// <remarks>The conversations go into a temporary SQLite store that is deleted afterwards; the configured store is
/// never touched. The embedder is the one recall uses.</remarks>
internal sealed class BenchRetrievalCommand : CliCommand
{
    private readonly Option<FileInfo> Dataset = new("--dataset", "-d") { Description = "A LoCoMo-format JSON file (see docs/retrieval.md)", Required = true };
    private readonly Option<string?> Mode = MemoryOptions.Mode("How search ranks: hybrid (default), dense or lexical");
    private readonly Option<string> Ks = new("--k") { Description = "Cut-offs, comma-separated", DefaultValueFactory = _ => "5,10,25,50" };
    private readonly Option<string?> Conversations = new("--conversations")
    {
        Description = "Only these conversations, by position in the file (from 1) or sample id, comma-separated, with ranges: 1-3 or 4,5 or conv-26",
    };

    public BenchRetrievalCommand(CliContext context)
        : base("retrieval", "Measure how well search finds the turns that answer each question of LoCoMo-format conversations", context)
    {
        Options.Add(Dataset);
        Options.Add(Mode);
        Options.Add(Ks);
        Options.Add(Conversations);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var options = new RetrievalBenchmarkOptions { Mode = MemoryOptions.ParseMode(parse.GetValue(Mode) ?? "hybrid"), Ks = ParseKs(parse.GetValue(Ks)) };
        options.Validate();
        var file = parse.GetValue(Dataset)!;
        if (!file.Exists)
        {
            throw new ArgumentException($"No dataset file at '{file.FullName}': give --dataset a LoCoMo-format JSON file.");
        }

        LocomoDataset dataset;
        try
        {
            dataset = await LocomoReader.LoadAsync(file.FullName, cancellationToken);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"'{file.Name}' is not a LoCoMo-format file: {ex.Message}", ex);
        }

        dataset = SelectConversations(dataset, parse.GetValue(Conversations));

        var json = parse.GetValue(Context.Global.Json);
        var path = Path.Combine(Path.GetTempPath(), $"rapport-bench-{Guid.NewGuid():N}.db");
        try
        {
            RetrievalBenchmarkReport report;
            await using (var store = SqliteMemoryStore.Open(path, host.Time))
            {
                // A lexical run reads no vectors: it loads no embedder at all.
                var bench = new RetrievalBenchmark(store, options.Mode == SearchMode.Lexical ? null : host.Embedder, host.Time);
                report = Console.IsInteractive && !json
                    ? await RunWithProgressAsync(bench, dataset, options, cancellationToken)
                    : await bench.RunAsync(dataset, options, null, cancellationToken);
            }

            if (json)
            {
                Console.WriteJson(RetrievalBenchJson.From(report), CliJson.Output.RetrievalBenchJson);
            }
            else
            {
                Write(report);
            }

            return ExitCodes.Success;
        }
        finally
        {
            foreach (var leftover in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(leftover);
            }
        }
    }

    private Task<RetrievalBenchmarkReport> RunWithProgressAsync(
        RetrievalBenchmark bench, LocomoDataset dataset, RetrievalBenchmarkOptions options, CancellationToken cancellationToken) =>
        Console.Out.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("storing", maxValue: Math.Max(1, dataset.Conversations.Sum(c => c.Turns.Count + c.Questions.Count)));
            var report = new Progress<RetrievalBenchmarkProgress>(p =>
            {
                task.Description = Markup.Escape($"{p.Stage} {p.Conversation}");
                task.Value = p.Done;
            });
            return await bench.RunAsync(dataset, options, report, cancellationToken);
        });

    private void Write(RetrievalBenchmarkReport report)
    {
        var scored = report.Questions;
        Console.WriteLine(
            $"{report.Mode.ToString().ToLowerInvariant()} search, embedder {report.EmbeddingModel}");
        Console.WriteLine(
            $"stored: {report.Conversations} conversations, {report.Sessions} sessions, {report.Memories} turns as memories " +
            $"({report.DatedConversations} of {report.Conversations} conversations dated by their sessions)");
        Console.WriteLine(
            $"asked: {scored + report.UnscoredQuestions} questions, {scored} scored against {report.EvidenceIds} evidence turns, " +
            $"{report.UnscoredQuestions} left out for lack of usable evidence; evidence ids repaired {report.NormalizedEvidence}, skipped {report.SkippedEvidence}");
        var table = new Table().AddColumn("questions");
        table.AddColumn("n");
        foreach (var k in report.Ks)
        {
            table.AddColumn(new TableColumn($"R@{k}").RightAligned());
        }

        table.AddRow([Markup.Escape("all"), report.Questions.ToString(CultureInfo.InvariantCulture), .. report.Ks.Select(k => Percent(report.Recall[k]))]);
        foreach (var category in report.Categories)
        {
            table.AddRow([$"category {category.Category}", category.Questions.ToString(CultureInfo.InvariantCulture), .. report.Ks.Select(k => Percent(category.Recall[k]))]);
        }

        foreach (var conversation in report.PerConversation)
        {
            table.AddRow([Markup.Escape(TextFit.Line(conversation.Conversation, 24)), conversation.Questions.ToString(CultureInfo.InvariantCulture),
                .. report.Ks.Select(k => Percent(conversation.Recall[k]))]);
        }

        Console.Write(table);
        Console.WriteLine($"search latency (query embedding excluded): {report.SearchLatency}");
        if (report.Mode != SearchMode.Lexical)
        {
            Console.WriteLine($"query embedding latency: {report.EmbeddingLatency}");
        }
    }

    private static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    // Keeps the conversations --conversations names, in file order (a split of one file: train on 1-3, check on 4-5).
    private static LocomoDataset SelectConversations(LocomoDataset dataset, string? text)
    {
        if (text is null)
        {
            return dataset;
        }

        var count = dataset.Conversations.Count;
        var keep = new bool[count];
        foreach (var piece in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var byId = dataset.Conversations.Select((c, i) => (c.Id, i)).Where(c => c.Id == piece).Select(c => c.i).ToList();
            var range = piece.Split('-', 2);
            if (byId.Count > 0)
            {
                byId.ForEach(i => keep[i] = true);
            }
            else if (int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                && int.TryParse(range[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var to)
                && from >= 1 && from <= to && to <= count)
            {
                keep.AsSpan(from - 1, to - from + 1).Fill(true);
            }
            else
            {
                throw new ArgumentException(
                    $"Invalid --conversations '{text}': '{piece}' is neither a sample id nor a position from 1 to {count} (use 1-3, 4,5 or conv-26).");
            }
        }

        return keep.Any(k => k)
            ? dataset with { Conversations = [.. dataset.Conversations.Where((_, i) => keep[i])] }
            : throw new ArgumentException($"Invalid --conversations '{text}': name at least one conversation, for example 1-3.");
    }

    private static int[] ParseKs(string? text)
    {
        var pieces = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var ks = new List<int>();
        foreach (var piece in pieces)
        {
            if (!int.TryParse(piece, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k is < 1 or > Storage.MemorySearchRequest.MaxTop)
            {
                throw new ArgumentException($"Invalid --k '{text}': use comma-separated whole numbers from 1 to {Storage.MemorySearchRequest.MaxTop}, for example 5,10,25,50.");
            }

            ks.Add(k);
        }

        return ks.Count > 0 ? [.. ks] : throw new ArgumentException("Invalid --k: give at least one cut-off, for example 5,10,25,50.");
    }
}
