using System.Diagnostics;

namespace Rapport.Cli.Output;

/// <summary>Span status as the CLI prints it: <c>ok</c> or <c>error</c>.</summary>
internal static class TraceStatusText
{
    public static string Of(ActivityStatusCode status) => status == ActivityStatusCode.Error ? "error" : "ok";
}
