using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Server.Api;

/// <summary>Maps exceptions to RFC 9457 problems carrying the library's validation message.</summary>
internal sealed partial class ExceptionProblems(ILogger<ExceptionProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = Classify(exception);
        if (status == 499 && !httpContext.RequestAborted.IsCancellationRequested)
        {
            (status, title) = (StatusCodes.Status500InternalServerError, "Internal error");
        }

        if (status >= 500)
        {
            // The route template, not the path: a path holds user ids.
            var route = (httpContext.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            LogFailure(logger, httpContext.Request.Method, route, exception);
        }

        var detail = Detail(exception, status);
        await Problems.WriteAsync(httpContext, status, title, detail).ConfigureAwait(false);
        return true;
    }

    /// <summary>Returns the status and title an exception is answered with (the same for <c>/v1</c> and the MCP tools).</summary>
    public static (int Status, string Title) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request"),
        ArgumentException or System.Text.Json.JsonException or FormatException or Rapport.Evaluation.Datasets.EvaluationDatasetException =>
            (StatusCodes.Status400BadRequest, "Bad request"),
        NotFoundException => (StatusCodes.Status404NotFound, "Not found"),
        ForbiddenException => (StatusCodes.Status403Forbidden, "Forbidden"),
        EmbeddingModelMismatchException => (StatusCodes.Status409Conflict, "Embedding model mismatch"),
        MemoryStoreException or StackExchange.Redis.RedisException or StackExchange.Redis.RedisTimeoutException
            or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 } => (StatusCodes.Status503ServiceUnavailable, "Store unavailable"),
        ConflictException => (StatusCodes.Status409Conflict, "Conflict"),
        OperationCanceledException => (499, "Client closed request"),
        _ => (StatusCodes.Status500InternalServerError, "Internal error"),
    };

    /// <summary>Returns the one line said about <paramref name="exception"/>: the library's message, never a stack or an internal failure's text.</summary>
    public static string Detail(Exception exception, int status)
    {
        if (status == StatusCodes.Status500InternalServerError)
        {
            return "The server failed; see its log.";
        }

        if (status == StatusCodes.Status503ServiceUnavailable && exception is not MemoryStoreException)
        {
            return "The store in use (Redis or the tenant's SQLite file) did not answer; retry shortly.";
        }

        var inner = exception is BadHttpRequestException { InnerException: System.Text.Json.JsonException json } ? json : exception;
        var message = inner.Message.Split(" (Parameter '", 2)[0].ReplaceLineEndings(" ");
        return exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            ? TooLarge(null)
            : message;
    }

    /// <summary>The message of a 413.</summary>
    public static string TooLarge(long? limit) =>
        $"The request body is larger than the server accepts{(limit is null ? "" : $" ({limit} bytes)")}; the limit is MaxRequestBodyBytes, 64 KiB by default (MaxEvaluationBodyBytes, 4 MiB, for evaluations).";

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Route} failed")]
    private static partial void LogFailure(ILogger logger, string method, string route, Exception exception);
}
