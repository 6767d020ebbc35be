using System.Globalization;

namespace Rapport.DashboardBench;

/// <summary>The bench's command line: how much to seed and how often to ask each page.</summary>
internal sealed record BenchOptions(int Interventions, int Users, int Traces, int Requests, string? Output, string? Home)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}': use --interventions N --users N --traces N --requests N [--out file.md] [--keep folder].");
            }

            values[args[i][2..]] = args[++i];
        }

        int Number(string name, int fallback, int min) =>
            values.Remove(name, out var text)
                ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min ? n
                    : throw new ArgumentException($"Invalid --{name} '{text}': use a whole number of at least {min}.")
                : fallback;

        var options = new BenchOptions(Number("interventions", 100_000, 1), Number("users", 1_000, 1), Number("traces", 10_000, 1), Number("requests", 40, 5),
            values.Remove("out", out var output) ? output : null, values.Remove("keep", out var keep) ? Path.GetFullPath(keep) : null);
        return values.Count == 0 ? options : throw new ArgumentException($"Unknown option --{values.Keys.First()}.");
    }
}
