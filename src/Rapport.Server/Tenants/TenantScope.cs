using Rapport.Memory;
using Rapport.SelfImprovement;
using Rapport.Server.State;

namespace Rapport.Server.Tenants;

/// <summary>One tenant's namespace (its service provider owns the store): its own store, memory service and loop, and its prepared
/// turns and idempotent responses in the store in use (shared by every instance).</summary>
internal sealed class TenantScope(
    string tenant, RapportMemory memory, RapportLoop loop, IAsyncDisposable owner, IPreparedTurnStore turns, IIdempotencyStore idempotency)
    : IAsyncDisposable
{
    /// <summary>Gets the tenant's name.</summary>
    public string Tenant { get; } = tenant;

    /// <summary>Gets the tenant's memory service.</summary>
    public RapportMemory Memory { get; } = memory;

    /// <summary>Gets the tenant's loop.</summary>
    public RapportLoop Loop { get; } = loop;

    /// <summary>Gets the tenant's prepared turns.</summary>
    public IPreparedTurnStore Turns { get; } = turns;

    /// <summary>Gets the tenant's stored responses to idempotent writes.</summary>
    public IIdempotencyStore Idempotency { get; } = idempotency;

    /// <summary>Drops what the server itself keeps about a user: waiting turns and stored responses.</summary>
    public async Task ForgetUserAsync(string userId, CancellationToken cancellationToken)
    {
        await Turns.ForgetUserAsync(userId, cancellationToken).ConfigureAwait(false);
        await Idempotency.ForgetUserAsync(userId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => owner.DisposeAsync();
}
