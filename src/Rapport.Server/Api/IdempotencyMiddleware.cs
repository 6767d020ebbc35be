using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Rapport.Server.Keys;
using Rapport.Server.Tenants;

namespace Rapport.Server.Api;

/// <summary>Writes with an <c>Idempotency-Key</c> run once per key: a retry with the same key and body gets the first response back
/// (with <c>Idempotent-Replayed: true</c>), a reuse with another body gets 422. Kept per tenant and per API key, for a lifetime.</summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, TenantRegistry tenants)
{
    /// <summary>The request header.</summary>
    public const string Header = "Idempotency-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers[Header].ToString();
        var caller = Caller.From(context.User);
        if (key.Length == 0 || caller is null || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || !context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (key.Length > 255 || key.Any(c => c is < '!' or > '~'))
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad request",
                "Idempotency-Key must be 1-255 printable ASCII characters without spaces (a UUID is a good choice).").ConfigureAwait(false);
            return;
        }

        var cache = tenants.Get(caller.Tenant).Idempotency;
        var scoped = caller.KeyId + "\n" + key;
        var hash = await HashAsync(context.Request).ConfigureAwait(false);
        var gate = cache.Gate(scoped);
        await gate.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            if (cache.Find(scoped) is { } stored)
            {
                await ReplayAsync(context, stored, hash).ConfigureAwait(false);
                return;
            }

            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                context.Response.Body = original;
            }

            var status = context.Response.StatusCode;
            if (status < 500 && status is not (StatusCodes.Status429TooManyRequests or StatusCodes.Status401Unauthorized))
            {
                cache.Store(scoped, hash, status, context.Response.ContentType, buffer.ToArray());
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored, string hash)
    {
        if (stored.RequestHash != hash)
        {
            await Problems.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                "This Idempotency-Key was used with a different request; use a new key for a new request.").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = stored.Status;
        context.Response.ContentType = stored.ContentType;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        await context.Response.Body.WriteAsync(stored.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(request.Method + " " + request.Path + request.QueryString + "\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
