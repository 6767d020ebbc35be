using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Server.Keys;

namespace Rapport.Server.Dashboard.Access;

/// <summary>The dashboard's sign-in: a key typed once on the login page becomes an encrypted, HTTP-only, same-site cookie.</summary>
/// <remarks>
/// The cookie holds the key's id, tenant and hash (never the key); every request checks that the key is still live, so a
/// revoked key signs its sessions out at once. Data protection is ephemeral: a restart signs everyone out.
/// </remarks>
internal static class DashboardCookie
{
    /// <summary>The authentication scheme's name.</summary>
    public const string Scheme = "RapportDashboard";

    private const string HashClaim = "rapport:keyhash";

    /// <summary>Adds the cookie scheme beside the API's key scheme (which stays the default).</summary>
    public static void Add(IServiceCollection services) =>
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = "rapport.dashboard";
            cookie.Cookie.Path = DashboardRoutes.Base;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.Events.OnValidatePrincipal = async context =>
            {
                var hash = context.Principal?.FindFirst(HashClaim)?.Value;
                var keys = context.HttpContext.RequestServices.GetRequiredService<IApiKeyStore>();
                if (hash is null || await keys.FindByHashAsync(hash, context.HttpContext.RequestAborted).ConfigureAwait(false) is null)
                {
                    context.RejectPrincipal();
                }
            };
            // Pages decide themselves (dev mode needs no cookie): the handler never redirects.
            cookie.Events.OnRedirectToLogin = context => Task.CompletedTask;
        });

    /// <summary>Signs a key in; returns why not when it cannot use the dashboard.</summary>
    public static async Task<string?> SignInAsync(HttpContext http, string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return "Enter an API key (rapport keys create prints one; the first start of rapport serve printed an admin key).";
        }

        var keys = http.RequestServices.GetRequiredService<IApiKeyStore>();
        var hash = ApiKeys.Hash(secret.Trim());
        var key = await keys.FindByHashAsync(hash, http.RequestAborted).ConfigureAwait(false);
        if (key is null)
        {
            return "That key is unknown or revoked.";
        }

        if (key.User is not null)
        {
            return "That key is bound to one user; the dashboard needs a key of the whole tenant (rapport keys create --tenant <t>).";
        }

        var principal = new Caller(key.Id, key.Tenant, null, key.Admin).ToPrincipal(Scheme);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(HashClaim, hash));
        await http.SignInAsync(Scheme, principal).ConfigureAwait(false);
        return null;
    }

    /// <summary>Returns the signed-in caller, the dev caller in dev mode, or <see langword="null"/>.</summary>
    public static async Task<Caller?> CallerAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(Scheme).ConfigureAwait(false);
        if (result.Succeeded && Caller.From(result.Principal!) is { } caller)
        {
            return caller;
        }

        return http.RequestServices.GetRequiredService<RapportServerOptions>().Dev ? Caller.Dev : null;
    }
}
