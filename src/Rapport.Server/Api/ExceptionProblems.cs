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
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request"),
            ArgumentException or System.Text.Json.JsonException or FormatException => (StatusCodes.Status400BadRequest, "Bad request"),
            NotFoundException => (StatusCodes.Status404NotFound, "Not found"),
            ForbiddenException => (StatusCodes.Status403Forbidden, "Forbidden"),
            EmbeddingModelMismatchException => (StatusCodes.Status409Conflict, "Embedding model mismatch"),
            MemoryStoreException or StackExchange.Redis.RedisException or StackExchange.Redis.RedisTimeoutException
                or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 } => (StatusCodes.Status503ServiceUnavailable, "Store unavailable"),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request"),
            _ => (StatusCodes.Status500InternalServerError, "Internal error"),
        };
        if (status >= 500)
        {
            LogFailure(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        var detail = status switch
        {
            StatusCodes.Status500InternalServerError => "The server failed; see its log.",
            StatusCodes.Status503ServiceUnavailable when exception is not MemoryStoreException =>
                "The store in use (Redis or the tenant's SQLite file) did not answer; retry shortly.",
            _ => Detail(exception),
        };
        await Problems.WriteAsync(httpContext, status, title, detail).ConfigureAwait(false);
        return true;
    }

    private static string Detail(Exception exception)
    {
        var inner = exception is BadHttpRequestException { InnerException: System.Text.Json.JsonException json } ? json : exception;
        var message = inner.Message.Split(" (Parameter '", 2)[0];
        return exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            ? TooLarge(null)
            : message;
    }

    /// <summary>The message of a 413.</summary>
    public static string TooLarge(long? limit) =>
        $"The request body is larger than the server accepts{(limit is null ? "" : $" ({limit} bytes)")}; the limit is MaxRequestBodyBytes, 64 KiB by default.";

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogFailure(ILogger logger, string method, string path, Exception exception);
}
