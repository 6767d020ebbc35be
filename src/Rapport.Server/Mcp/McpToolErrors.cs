using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Rapport.Server.Api;

namespace Rapport.Server.Mcp;

/// <summary>Turns a failed tool call into an MCP tool error (<c>isError: true</c>) with one line: the same message the <c>/v1</c> API
/// puts in its problem details, so an agent can read what was wrong and what is accepted.</summary>
internal static partial class McpToolErrors
{
    /// <summary>The call-tool filter.</summary>
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Filter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (request, cancellationToken) =>
        {
            try
            {
                return await next(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var status = ExceptionProblems.Classify(ex).Status is var s && s == 499 ? 500 : s;
                if (status >= 500 && status != 503)
                {
                    var logger = request.Services?.GetService<ILoggerFactory>()?.CreateLogger("Rapport.Server.Mcp");
                    if (logger is not null)
                    {
                        LogFailure(logger, request.Params?.Name ?? "?", ex);
                    }
                }

                return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = ExceptionProblems.Detail(ex, status) }] };
            }
        };

    [LoggerMessage(Level = LogLevel.Error, Message = "MCP tool {Tool} failed")]
    private static partial void LogFailure(ILogger logger, string tool, Exception exception);
}
