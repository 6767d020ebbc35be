namespace Rapport.Demo;

/// <summary>The reference the Rapport coach is measured against: a learner that is told each situation's true type.</summary>
/// <remarks>
/// <para>
/// The ceiling of learning from outcomes alone in the simulation's budget (5 interventions per session, 10 sessions): it
/// keeps, per type of situation and kind, a Beta(1, 1) posterior of the user's success rate and picks the kind with the
/// highest mean plus <see cref="ExplorationWeight"/> standard deviations (an upper confidence bound). It never sees the
/// user's preferences, only the outcomes of its own choices, like the Rapport coach; unlike it, it never has to guess the
/// type from the situation's words. The Rapport coach cannot beat it except by chance, so the share of the gap this
/// learner closes is what "learning well" means in this simulation.
/// </para>
/// <para>One instance per simulated user; a user's sessions run one after another, so it needs no locking.</para>
/// </remarks>
internal sealed class TypeAwareLearner(IReadOnlyList<string> kinds)
{
    /// <summary>The exploration bonus in standard deviations (0.5 was about best among 0, 0.15, 0.3, 0.5, 1, 1.5 and 2
    /// in a simulation of the same constraints; Thompson sampling explored too much for 50 interventions).</summary>
    public const double ExplorationWeight = 0.5;

    private readonly Dictionary<string, (int Helped, int Tried)[]> _counts = new(StringComparer.Ordinal);

    /// <summary>Picks a kind for a situation of <paramref name="type"/>; ties go to a random one of the best.</summary>
    public string Choose(string type, Random random)
    {
        var counts = Counts(type);
        var best = new List<int>();
        var bestScore = double.NegativeInfinity;
        for (var k = 0; k < kinds.Count; k++)
        {
            double a = counts[k].Helped + 1;
            double b = counts[k].Tried - counts[k].Helped + 1;
            var score = (a / (a + b)) + (ExplorationWeight * Math.Sqrt(a * b / ((a + b) * (a + b) * (a + b + 1))));
            if (score > bestScore + 1e-12)
            {
                bestScore = score;
                best.Clear();
                best.Add(k);
            }
            else if (Math.Abs(score - bestScore) <= 1e-12)
            {
                best.Add(k);
            }
        }

        return kinds[best[random.Next(best.Count)]];
    }

    /// <summary>Learns the outcome of <paramref name="kind"/> in a situation of <paramref name="type"/>.</summary>
    public void Learn(string type, string kind, bool helped)
    {
        var counts = Counts(type);
        var k = IndexOf(kind);
        counts[k] = (counts[k].Helped + (helped ? 1 : 0), counts[k].Tried + 1);
    }

    private (int Helped, int Tried)[] Counts(string type)
    {
        if (!_counts.TryGetValue(type, out var counts))
        {
            _counts[type] = counts = new (int, int)[kinds.Count];
        }

        return counts;
    }

    private int IndexOf(string kind)
    {
        for (var k = 0; k < kinds.Count; k++)
        {
            if (kinds[k] == kind)
            {
                return k;
            }
        }

        throw new ArgumentException($"Unknown kind '{kind}'.", nameof(kind));
    }
}
