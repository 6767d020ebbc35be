namespace Rapport.Evaluation.Runs;

/// <summary>Keeps evaluation runs so they can be listed, shown and compared later.</summary>
/// <remarks>Implementations are thread-safe; a failed save leaves no partial run behind.</remarks>
public interface IEvaluationRunStore
{
    /// <summary>Saves <paramref name="run"/>, replacing a run with the same id.</summary>
    Task SaveAsync(EvaluationRun run, CancellationToken cancellationToken = default);

    /// <summary>Returns the run whose id is <paramref name="idOrPrefix"/> or uniquely starts with it, else <see langword="null"/>.</summary>
    /// <exception cref="ArgumentException">The prefix matches more than one run.</exception>
    Task<EvaluationRun?> GetAsync(string idOrPrefix, CancellationToken cancellationToken = default);

    /// <summary>Lists all runs, newest first (with their cases).</summary>
    Task<IReadOnlyList<EvaluationRun>> ListAsync(CancellationToken cancellationToken = default);
}
