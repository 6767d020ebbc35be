using System.Globalization;

namespace Rapport.LoadBench;

/// <summary>The benchmark's command line: <c>--agents 32 --turns 2000 --seconds 60 --store sqlite,redis --out file.md</c>.</summary>
internal sealed record LoadOptions(int Agents, int Turns, TimeSpan Duration, IReadOnlyList<string> Stores, string? Embedder, string? Out)
{
    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with what is accepted.</summary>
    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions(32, 2000, TimeSpan.FromSeconds(60), ["sqlite", "redis"], null, null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i++] switch
            {
                "--agents" => options with { Agents = Positive(value, "--agents") },
                "--turns" => options with { Turns = Positive(value, "--turns") },
                "--seconds" => options with { Duration = TimeSpan.FromSeconds(Positive(value, "--seconds")) },
                "--store" => options with { Stores = ParseStores(value) },
                "--embedder" => options with { Embedder = value },
                "--out" => options with { Out = value },
                var other => throw new ArgumentException(
                    $"Unknown option '{other}'. Accepted: --agents N, --turns N (total), --seconds N, --store sqlite,redis, --embedder hashing|minilm, --out FILE."),
            };
        }

        return options;
    }

    private static int Positive(string value, string name) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive whole number, not '{value}'.");

    private static string[] ParseStores(string value)
    {
        var stores = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return stores.Length > 0 && stores.All(s => s is "sqlite" or "redis")
            ? stores
            : throw new ArgumentException($"--store takes sqlite, redis or both (sqlite,redis), not '{value}'.");
    }
}
