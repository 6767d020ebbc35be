using System.Text.Json;
using StackExchange.Redis;

namespace Rapport.Server.Keys;

/// <summary>API keys in one Redis hash under the base prefix (<c>rapport:keys</c>, field = key hash), shared by every instance.</summary>
public sealed class RedisApiKeyStore : IApiKeyStore
{
    private readonly IConnectionMultiplexer _redis;
    private readonly bool _ownsConnection;
    private readonly RedisKey _hash;

    private RedisApiKeyStore(IConnectionMultiplexer redis, bool ownsConnection, string prefix)
    {
        _redis = redis;
        _ownsConnection = ownsConnection;
        _hash = prefix + ":keys";
        Description = $"redis:{redis.Configuration} {_hash}";
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Connects to Redis.</summary>
    public static async Task<RedisApiKeyStore> OpenAsync(string configuration, string prefix)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        return new RedisApiKeyStore(await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false), ownsConnection: true, prefix);
    }

    /// <summary>Uses a connection the host keeps (the server's one connection); disposing the store leaves it open.</summary>
    internal static RedisApiKeyStore On(IConnectionMultiplexer connection, string prefix) => new(connection, ownsConnection: false, prefix);

    /// <inheritdoc />
    public Task AddAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _redis.GetDatabase().HashSetAsync(_hash, key.Hash, JsonSerializer.Serialize(key));
    }

    /// <inheritdoc />
    public async Task<ApiKey?> FindByHashAsync(string hash, CancellationToken cancellationToken = default)
    {
        var value = await _redis.GetDatabase().HashGetAsync(_hash, hash).ConfigureAwait(false);
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<ApiKey>(value.ToString()) is { RevokedAt: null } key ? key : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await _redis.GetDatabase().HashValuesAsync(_hash).ConfigureAwait(false);
        return [.. all.Select(v => JsonSerializer.Deserialize<ApiKey>(v.ToString())!).OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var key = (await ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(k => k.Id == id && k.RevokedAt is null);
        if (key is null)
        {
            return false;
        }

        await _redis.GetDatabase().HashSetAsync(_hash, key.Hash, JsonSerializer.Serialize(key with { RevokedAt = at })).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public Task PingAsync(CancellationToken cancellationToken = default) => _redis.GetDatabase().PingAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection)
        {
            await _redis.DisposeAsync().ConfigureAwait(false);
        }
    }
}
