using System.Security.Cryptography;
using System.Text;

namespace Rapport.Server.Keys;

/// <summary>Makes and checks API keys: 32 random bytes, shown once, stored as SHA-256.</summary>
public static class ApiKeys
{
    /// <summary>The prefix of every key, so a leaked one is recognizable.</summary>
    public const string Prefix = "rk_";

    /// <summary>The tenant of the first key made at first start.</summary>
    public const string DefaultTenant = "default";

    /// <summary>Creates a key: the secret to show once and the record to store.</summary>
    /// <exception cref="ArgumentException">The tenant or user is invalid.</exception>
    public static (string Secret, ApiKey Key) Create(string tenant, string? user, bool admin, TimeProvider time)
    {
        Tenants.TenantRegistry.Validate(tenant);
        if (user is not null)
        {
            Rapport.Memory.MemoryIds.ValidateUserId(user, "user");
        }

        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        return (secret, new ApiKey(id, tenant, user, admin, Hash(secret), time.GetUtcNow()));
    }

    /// <summary>Returns the lowercase hex SHA-256 of a key.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
