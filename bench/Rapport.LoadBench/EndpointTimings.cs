using System.Collections.Concurrent;

namespace Rapport.LoadBench;

/// <summary>Latencies and errors per endpoint, collected concurrently.</summary>
internal sealed class EndpointTimings
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _milliseconds = new();
    private readonly ConcurrentDictionary<string, int> _errors = new();

    /// <summary>The endpoints in report order.</summary>
    public static readonly string[] Endpoints = ["prepare", "complete", "outcome"];

    public void Record(string endpoint, double milliseconds) => _milliseconds.GetOrAdd(endpoint, _ => []).Add(milliseconds);

    public void Error(string endpoint) => _errors.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

    public int Errors(string endpoint) => _errors.GetValueOrDefault(endpoint);

    public int TotalErrors => _errors.Values.Sum();

    public int Count(string endpoint) => _milliseconds.TryGetValue(endpoint, out var bag) ? bag.Count : 0;

    /// <summary>The <paramref name="p"/>-th percentile (0-100) in milliseconds, nearest rank.</summary>
    public double Percentile(string endpoint, double p)
    {
        if (!_milliseconds.TryGetValue(endpoint, out var bag) || bag.IsEmpty)
        {
            return double.NaN;
        }

        var sorted = bag.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
