using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rapport.Server.Api;

namespace Rapport.Server.Keys;

/// <summary>Authenticates <c>Authorization: Bearer &lt;key&gt;</c> (or <c>X-Api-Key</c>) against the key store; in dev mode a request without a key is tenant <c>dev</c>.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IApiKeyStore keys, RapportServerOptions server)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = ReadKey(Request);
        if (secret is null)
        {
            return server.Dev ? Success(Caller.Dev) : AuthenticateResult.NoResult();
        }

        var key = await keys.FindByHashAsync(ApiKeys.Hash(secret), Context.RequestAborted).ConfigureAwait(false);
        return key is null
            ? AuthenticateResult.Fail("The API key is unknown or revoked.")
            : Success(new Caller(key.Id, key.Tenant, key.User, key.Admin));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized",
            "Send an API key as 'Authorization: Bearer <key>' (create one with 'rapport keys create'); the key given is unknown or revoked, or none was given.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "This key may not do that.");

    private static AuthenticateResult Success(Caller caller) =>
        AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));

    private static string? ReadKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim() is { Length: > 0 } key ? key : null;
        }

        return request.Headers["X-Api-Key"].ToString() is { Length: > 0 } apiKey ? apiKey.Trim() : null;
    }
}
