using System.CommandLine;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.OpenTelemetry.LocalTraces;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport traces show ID</c>: draws one trace's call tree with durations and attributes.</summary>
internal sealed class TracesShowCommand : CliCommand
{
    private readonly Argument<string> TraceId = new("id") { Description = "The trace id shown by 'rapport traces' (or its first 8+ digits)" };

    public TracesShowCommand(CliContext context)
        : base("show", "Draw a trace's call tree with durations and attributes", context)
    {
        Arguments.Add(TraceId);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var id = parse.GetValue(TraceId) ?? "";
        var spans = await (host.Telemetry.Traces ?? throw new InvalidOperationException($"No local traces: {host.TracesUnavailable}")).GetTraceAsync(id, cancellationToken).ConfigureAwait(false);
        if (spans is null)
        {
            Console.Error($"No trace '{id}' (traces are kept 7 days; see 'rapport traces').");
            return ExitCodes.NotFound;
        }

        var roots = TraceTree.Build(spans);
        if (parse.GetValue(Context.Global.Json))
        {
            Console.WriteJson([.. roots.Select(SpanJson.From)], CliJson.Output.ListSpanJson);
            return ExitCodes.Success;
        }

        Console.Write(TraceTreeView.Render(spans[0].TraceId, roots));
        return ExitCodes.Success;
    }
}
