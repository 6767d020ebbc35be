using Rapport.Memory;
using Rapport.SelfImprovement;

namespace Rapport.Server.Tenants;

/// <summary>One tenant's namespace (its service provider owns the store): its own store, memory service and loop, prepared turns and idempotent responses.</summary>
internal sealed class TenantScope(string tenant, RapportMemory memory, RapportLoop loop, IAsyncDisposable owner, PreparedTurnCache turns, IdempotencyCache idempotency)
    : IAsyncDisposable
{
    /// <summary>Gets the tenant's name.</summary>
    public string Tenant { get; } = tenant;

    /// <summary>Gets the tenant's memory service.</summary>
    public RapportMemory Memory { get; } = memory;

    /// <summary>Gets the tenant's loop.</summary>
    public RapportLoop Loop { get; } = loop;

    /// <summary>Gets the tenant's prepared turns.</summary>
    public PreparedTurnCache Turns { get; } = turns;

    /// <summary>Gets the tenant's stored responses to idempotent writes.</summary>
    public IdempotencyCache Idempotency { get; } = idempotency;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => owner.DisposeAsync();
}
