using System.CommandLine;
using System.Globalization;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.OpenTelemetry.LocalTraces;
using Rapport.Telemetry;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport traces</c>: lists recent traces kept on this machine; <c>rapport traces show ID</c> draws one.</summary>
internal sealed class TracesCommand : CliCommand
{
    private readonly Option<int> Last = new("--last", "-n") { Description = $"How many traces, 1-{TraceQuery.MaxLast}", DefaultValueFactory = _ => 20 };
    private readonly Option<string?> Operation = new("--op")
    {
        Description = "Only traces with an operation whose name contains this, for example search_memory; "
            + "the CLI's verbs work too (recall, remember, outcome, forget, profile)",
    };
    private readonly Option<bool> Errors = new("--errors") { Description = "Only traces with a failed operation" };

    public TracesCommand(CliContext context)
        : base("traces", "List recent traces kept on this machine: operation, duration, status", context)
    {
        Options.Add(Last);
        Options.Add(Operation);
        Options.Add(Errors);
        Subcommands.Add(new TracesShowCommand(context));
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var last = parse.GetValue(Last);
        if (last is < 1 or > TraceQuery.MaxLast)
        {
            throw new ArgumentException($"Invalid --last {last}: use 1-{TraceQuery.MaxLast}.");
        }

        var query = new TraceQuery { Last = last, Operation = SpanNameOf(parse.GetValue(Operation)), ErrorsOnly = parse.GetValue(Errors) };
        var traces = await (host.Telemetry.Traces ?? throw new InvalidOperationException($"No local traces: {host.TracesUnavailable}")).ListTracesAsync(query, cancellationToken).ConfigureAwait(false);
        if (parse.GetValue(Context.Global.Json))
        {
            Console.WriteJson([.. traces.Select(TraceJson.From)], CliJson.Output.ListTraceJson);
            return ExitCodes.Success;
        }

        if (traces.Count == 0)
        {
            Console.WriteLine("No traces match (traces are kept 7 days).");
            return ExitCodes.Success;
        }

        // Plain aligned lines, not a table: a table's borders push the 32-digit id past 80 columns, where it wraps and
        // can no longer be pasted into "traces show".
        Console.Output.WriteLine($"{"trace",-32} {"operation",-14} {"started UTC",-11} {"took",9} status");
        foreach (var trace in traces)
        {
            // At most 9 characters, so the line stays within 80 (the span count is in traces show and --json).
            var status = trace.ErrorCount switch { 0 => "ok", 1 => "1 error", var n => $"{Math.Min(n, 999)} errors" };
            Console.Output.WriteLine(
                $"{trace.TraceId} {TextFit.Line(trace.Operation, 14),-14} {trace.Start.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)} {TraceTreeView.Duration(trace.Duration),9} {status}");
        }
        return ExitCodes.Success;
    }

    /// <summary>Maps a CLI verb to the GenAI memory span it produces (spans are named by the convention's operations);
    /// anything else is matched as given.</summary>
    internal static string? SpanNameOf(string? operation) => operation?.Trim().ToLowerInvariant() switch
    {
        "recall" or "search" => RapportTelemetryNames.SearchMemoryOperation,
        "remember" or "record" => RapportTelemetryNames.CreateMemoryOperation,
        "outcome" => RapportTelemetryNames.UpdateMemoryOperation,
        "forget" => RapportTelemetryNames.DeleteMemoryOperation,
        "profile" => RapportTelemetryNames.UpsertMemoryOperation,
        _ => operation,
    };
}
