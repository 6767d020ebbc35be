using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Memory;
using Rapport.Server.Keys;
using Rapport.Server.State;
using Rapport.Server.Tenants;

namespace Rapport.Server.Api;

/// <summary>The caller's tenant and user binding, bound from the authenticated key (never from a parameter) into every handler.</summary>
internal sealed class TenantContext(Caller caller, TenantScope scope, HttpContext? http = null)
{
    /// <summary>Gets the caller.</summary>
    public Caller Caller { get; } = caller;

    /// <summary>Gets the tenant's namespace.</summary>
    public TenantScope Scope { get; } = scope;

    /// <summary>Binds the context from the authenticated request.</summary>
    public static ValueTask<TenantContext?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.From(context.User) ?? throw new ForbiddenException("No authenticated key.");
        var scope = context.RequestServices.GetRequiredService<TenantRegistry>().Get(caller.Tenant);
        return ValueTask.FromResult<TenantContext?>(new TenantContext(caller, scope, context));
    }

    /// <summary>Notes that the request touches this user, so a stored idempotent response is dropped when they are forgotten.</summary>
    public string Touch(string userId)
    {
        if (http is not null)
        {
            http.Items[IdempotencyMiddleware.UserItem] = userId;
        }

        return userId;
    }

    /// <summary>Takes a prepared turn the key may complete (a turn of another user is left waiting).</summary>
    /// <exception cref="NotFoundException">No such waiting turn in this tenant (or for this key's user).</exception>
    public async Task<PendingTurn> TakeTurnAsync(string turnId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var turn = await Scope.Turns.TakeAsync(turnId, cancellationToken).ConfigureAwait(false);
        if (turn is not null && Caller.User is not null && Caller.User != turn.UserId)
        {
            await Scope.Turns.AddAsync(turn, CancellationToken.None).ConfigureAwait(false);
            turn = null;
        }

        return turn is null
            ? throw new NotFoundException(
                $"No prepared turn '{turnId}' in this tenant: it was completed already, expired (turns wait {lifetime.TotalMinutes:0} minutes), " +
                "or was never prepared. Prepare it again (POST /v1/turns, or the prepare_turn tool).")
            : turn with { UserId = Touch(turn.UserId) };
    }

    /// <summary>Returns the user a request may touch: <paramref name="userId"/> when valid and allowed, else the key's user.</summary>
    /// <exception cref="ArgumentException">No user given and the key is not bound to one, or the id is invalid.</exception>
    /// <exception cref="ForbiddenException">The key is bound to another user.</exception>
    public string User(string? userId)
    {
        if (userId is null)
        {
            return Touch(Caller.User ?? throw new ArgumentException("userId is required (this key is not bound to one user).", nameof(userId)));
        }

        MemoryIds.ValidateUserId(userId);
        return Caller.User is null || Caller.User == userId
            ? Touch(userId)
            : throw new ForbiddenException("This key is bound to one user and may not touch another.");
    }

    /// <summary>Returns the intervention with that id when the key may see it.</summary>
    /// <exception cref="NotFoundException">No live intervention with that id in this tenant (or for this key's user).</exception>
    public async Task<Intervention> InterventionAsync(string id, CancellationToken cancellationToken)
    {
        var found = await Scope.Memory.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return found is not null && (Caller.User is null || Caller.User == Touch(found.UserId))
            ? found
            : throw new NotFoundException($"No live intervention '{id}' in this tenant.");
    }

    /// <summary>Parses an outcome's wire name.</summary>
    public static InterventionOutcome Outcome(string? text) =>
        InterventionOutcomeText.TryParse(text, out var outcome)
            ? outcome
            : throw new ArgumentException($"Invalid outcome '{text}': use {InterventionOutcomeText.Accepted}.", "outcome");
}
