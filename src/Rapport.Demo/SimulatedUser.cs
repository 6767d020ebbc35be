namespace Rapport.Demo;

/// <summary>A simulated user: for each type of situation, a success probability per kind, hidden from the coaches.</summary>
/// <remarks>Each type's best kind is drawn independently and uniformly, so the population's favourite is right for few users;
/// it helps with probability 0.75, every other kind with a probability drawn uniformly from 0.15-0.45.</remarks>
internal sealed class SimulatedUser
{
    private readonly Dictionary<string, Dictionary<string, double>> _success = new(StringComparer.Ordinal);

    public SimulatedUser(string id, IReadOnlyList<string> types, IReadOnlyList<string> kinds, Random random)
    {
        Id = id;
        foreach (var type in types)
        {
            var best = kinds[random.Next(kinds.Count)];
            _success[type] = kinds.ToDictionary(k => k, k => k == best ? 0.75 : 0.15 + (0.30 * random.NextDouble()), StringComparer.Ordinal);
            BestKinds[type] = best;
        }
    }

    public string Id { get; }

    /// <summary>Gets the reference learner's state for this user (see <see cref="TypeAwareLearner"/>).</summary>
    public TypeAwareLearner? Reference { get; set; }

    public Dictionary<string, string> BestKinds { get; } = new(StringComparer.Ordinal);

    public double SuccessProbability(string type, string kind) =>
        _success[type].TryGetValue(kind, out var p) ? p : 0.15;
}
