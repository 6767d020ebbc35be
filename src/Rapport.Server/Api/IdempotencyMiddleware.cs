using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Rapport.Server.Keys;
using Rapport.Server.State;
using Rapport.Server.Tenants;

namespace Rapport.Server.Api;

/// <summary>Writes with an <c>Idempotency-Key</c> run once per key: a retry with the same key and body gets the first response back
/// (with <c>Idempotent-Replayed: true</c>), a reuse with another body gets 422. Kept per tenant and per API key, for a lifetime,
/// in the store in use, so a retry through another instance is answered the same.</summary>
/// <remarks>The first request claims the key atomically in the store; a concurrent retry (on any instance) waits for its answer
/// up to <see cref="RapportServerOptions.IdempotencyLease"/>, then gets 409. A key held by an instance that died is claimed again
/// after the lease. A 5xx, 401 or 429 answer is not kept (a retry runs the write).</remarks>
internal sealed class IdempotencyMiddleware(RequestDelegate next, TenantRegistry tenants, RapportServerOptions options)
{
    /// <summary>The request header.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>The <see cref="HttpContext.Items"/> key under which a handler names the user a write touched (forget drops their responses).</summary>
    public const string UserItem = "rapport.idempotency.user";

    /// <summary>The <see cref="HttpContext.Items"/> key of the record id derived from the key (tenant, API key, Idempotency-Key): a write
    /// that creates one record gives it this id, so a retry after a crash that lost the stored answer still records it once.</summary>
    public const string RecordIdItem = "rapport.idempotency.record-id";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

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

        var store = tenants.Get(caller.Tenant).Idempotency;
        var scoped = caller.KeyId + "\n" + key;
        var hash = await HashAsync(context.Request).ConfigureAwait(false);
        var claim = await ClaimAsync(store, scoped, hash, context.RequestAborted).ConfigureAwait(false);
        if (claim.RequestHash != hash)
        {
            await Problems.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                "This Idempotency-Key was used with a different request; use a new key for a new request.").ConfigureAwait(false);
            return;
        }

        if (claim.Stored is { } stored)
        {
            await ReplayAsync(context, stored).ConfigureAwait(false);
            return;
        }

        if (claim.Token is not { } token)
        {
            context.Response.Headers.RetryAfter = "1";
            await Problems.WriteAsync(context, StatusCodes.Status409Conflict, "Idempotency-Key in use",
                "A request with this Idempotency-Key is still running; retry after a second to get its answer.").ConfigureAwait(false);
            return;
        }

        context.Items[RecordIdItem] = RecordId(caller.Tenant, scoped);
        await RunAsync(context, store, scoped, hash, token).ConfigureAwait(false);
    }

    // 32 hex digits like Rapport's own ids; the tenant is part of it, so no two tenants can derive the same id.
    private static string RecordId(string tenant, string scopedKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("record\n" + tenant + "\n" + scopedKey)))[..32];

    private async Task<IdempotencyClaim> ClaimAsync(IIdempotencyStore store, string key, string hash, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var claim = await store.ClaimAsync(key, hash, cancellationToken).ConfigureAwait(false);
            if (!claim.Busy || claim.RequestHash != hash || waited.Elapsed >= options.IdempotencyLease)
            {
                return claim;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(HttpContext context, IIdempotencyStore store, string key, string hash, string token)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch
        {
            await store.ReleaseAsync(key, hash, token, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        var status = context.Response.StatusCode;
        if (status < 500 && status is not (StatusCodes.Status429TooManyRequests or StatusCodes.Status401Unauthorized))
        {
            var user = context.Items.TryGetValue(UserItem, out var touched) ? touched as string : null;
            await store.CompleteAsync(key, hash, new StoredResponse(status, context.Response.ContentType, buffer.ToArray()), user, CancellationToken.None)
                .ConfigureAwait(false);
        }
        else
        {
            await store.ReleaseAsync(key, hash, token, CancellationToken.None).ConfigureAwait(false);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        context.Response.StatusCode = stored.Status;
        context.Response.ContentType = stored.ContentType;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        context.Response.Headers.ContentLength = stored.Body.Length;
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
