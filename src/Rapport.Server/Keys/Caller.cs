using System.Security.Claims;

namespace Rapport.Server.Keys;

/// <summary>Who is calling, from the authenticated key only: its tenant, the user it is bound to, and whether it is an admin key.</summary>
/// <param name="KeyId">The key's id (<c>dev</c> in dev mode).</param>
/// <param name="Tenant">The tenant.</param>
/// <param name="User">The one user the key may touch, or <see langword="null"/>.</param>
/// <param name="Admin">Whether the key is an admin key.</param>
internal sealed record Caller(string KeyId, string Tenant, string? User, bool Admin)
{
    private const string KeyClaim = "rapport:key";
    private const string TenantClaim = "rapport:tenant";
    private const string UserClaim = "rapport:user";
    private const string AdminClaim = "rapport:admin";

    /// <summary>The caller of requests without a key in dev mode.</summary>
    public static readonly Caller Dev = new("dev", "dev", null, true);

    /// <summary>Returns the claims principal of this caller.</summary>
    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim> { new(KeyClaim, KeyId), new(TenantClaim, Tenant), new(AdminClaim, Admin ? "true" : "false") };
        if (User is not null)
        {
            claims.Add(new Claim(UserClaim, User));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>Reads the caller from an authenticated principal, or <see langword="null"/>.</summary>
    public static Caller? From(ClaimsPrincipal principal) =>
        principal.FindFirst(TenantClaim)?.Value is { } tenant
            ? new Caller(principal.FindFirst(KeyClaim)!.Value, tenant, principal.FindFirst(UserClaim)?.Value, principal.FindFirst(AdminClaim)?.Value == "true")
            : null;
}
