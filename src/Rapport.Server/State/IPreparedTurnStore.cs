namespace Rapport.Server.State;

/// <summary>One tenant's prepared turns waiting for completion, in the store in use so a turn prepared on one instance
/// completes on any.</summary>
/// <remarks>Turns expire after the prepared-turn lifetime. <see cref="TakeAsync"/> is atomic across instances: a turn is taken
/// once, so it is never recorded twice. Thread-safe.</remarks>
internal interface IPreparedTurnStore
{
    /// <summary>Keeps a prepared turn (again, when a completion failed and gives it back).</summary>
    Task AddAsync(PendingTurn turn, CancellationToken cancellationToken = default);

    /// <summary>Takes the turn out, or returns <see langword="null"/> when it is unknown, taken or expired.</summary>
    Task<PendingTurn?> TakeAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Drops every waiting turn of a user.</summary>
    Task ForgetUserAsync(string userId, CancellationToken cancellationToken = default);
}
