namespace Rapport.Cli.Output;

/// <summary>What <c>rapport outcome --json</c> prints when Redis is unreachable and the outcome waits in the outbox.</summary>
/// <param name="Id">The intervention's id, as given.</param>
/// <param name="Outcome">The outcome to apply (<c>helped</c> or <c>not-helped</c>).</param>
/// <param name="Rating">The rating to apply, if any.</param>
/// <param name="Queued">Whether the outcome waits in the outbox rather than being applied: always <see langword="true"/> here.</param>
internal sealed record OutcomeQueuedJson(string Id, string Outcome, int? Rating, bool Queued = true);
