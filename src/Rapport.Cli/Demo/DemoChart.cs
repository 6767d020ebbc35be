using System.Globalization;
using System.Text;
using Rapport.Demo;

namespace Rapport.Cli.Demo;

/// <summary>A plain-text chart of the success rate per session, one column per session.</summary>
internal static class DemoChart
{
    private const int Rows = 12;

    /// <summary>What the marks of the chart mean.</summary>
    public const string Legend = "n = no memory, R = Rapport, t = type-aware reference, o = oracle";

    public static string Render(IReadOnlyList<SessionRates> sessions)
    {
        var low = Math.Floor(sessions.Min(s => Math.Min(Math.Min(s.NoMemory, s.TypeAware), Math.Min(s.Rapport, s.Oracle))) * 20) / 20;
        var high = Math.Ceiling(sessions.Max(s => Math.Max(Math.Max(s.NoMemory, s.TypeAware), Math.Max(s.Rapport, s.Oracle))) * 20) / 20;
        high = Math.Max(high, low + 0.05);
        var text = new StringBuilder();
        for (var row = Rows; row >= 0; row--)
        {
            var level = low + ((high - low) * row / Rows);
            text.Append(level.ToString("P0", CultureInfo.InvariantCulture).PadLeft(5)).Append(" |");
            foreach (var s in sessions)
            {
                var mark = At(s.Oracle) == row ? 'o' : At(s.Rapport) == row ? 'R' : At(s.TypeAware) == row ? 't' : At(s.NoMemory) == row ? 'n' : ' ';
                text.Append("  ").Append(mark).Append(' ');
            }

            text.Append('\n');
        }

        text.Append("      +").Append(new string('-', sessions.Count * 4)).Append("\n       ");
        foreach (var s in sessions)
        {
            text.Append(s.Session.ToString(CultureInfo.InvariantCulture).PadLeft(3)).Append(' ');
        }

        return text.Append(" session").ToString();

        int At(double value) => (int)Math.Round((value - low) / (high - low) * Rows);
    }
}
