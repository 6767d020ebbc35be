namespace Rapport.Server.Keys;

/// <summary>An API key as stored: never the key itself, only its SHA-256.</summary>
/// <param name="Id">The key's public id (shown by <c>rapport keys list</c>, used to revoke it).</param>
/// <param name="Tenant">The tenant it belongs to: every request with it reads and writes that tenant's namespace only.</param>
/// <param name="User">The one user it may touch, or <see langword="null"/> for any user of the tenant.</param>
/// <param name="Admin">Whether it may manage the tenant's keys.</param>
/// <param name="Hash">The lowercase hex SHA-256 of the key.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="RevokedAt">When it was revoked, or <see langword="null"/>.</param>
public sealed record ApiKey(string Id, string Tenant, string? User, bool Admin, string Hash, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt = null);
