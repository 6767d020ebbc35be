namespace Rapport.Server.Keys;

/// <summary>Where API keys live: in the store in use, so several server instances share them.</summary>
public interface IApiKeyStore : IAsyncDisposable
{
    /// <summary>Describes where the keys live.</summary>
    string Description { get; }

    /// <summary>Adds a key.</summary>
    Task AddAsync(ApiKey key, CancellationToken cancellationToken = default);

    /// <summary>Returns the live (not revoked) key with this hash, or <see langword="null"/>.</summary>
    Task<ApiKey?> FindByHashAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>Lists every key, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Revokes a key; returns whether a live key had that id.</summary>
    Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Checks that the store answers.</summary>
    Task PingAsync(CancellationToken cancellationToken = default);
}
