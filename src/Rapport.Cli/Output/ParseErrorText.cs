using System.CommandLine;
using System.Text.RegularExpressions;

namespace Rapport.Cli.Output;

/// <summary>Turns the parser's errors into the lines a person reads: one per problem, in words, with at most one
/// suggestion for a mistyped command.</summary>
internal static partial class ParseErrorText
{
    /// <summary>Returns the lines to print for <paramref name="parse"/>'s errors.</summary>
    public static IReadOnlyList<string> Lines(ParseResult parse, Command root)
    {
        var lines = new List<string>();
        var unmatched = parse.UnmatchedTokens;
        if (unmatched.Count > 0 && parse.CommandResult.Command == root && !unmatched[0].StartsWith('-'))
        {
            // A mistyped command: one line for it (not one per word after it), and the nearest command once.
            var word = unmatched[0];
            var nearest = root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)
                .Select(name => (name, distance: Distance(word.ToLowerInvariant(), name)))
                .Where(x => x.distance <= Math.Max(1, x.name.Length / 3)).OrderBy(x => x.distance).Select(x => x.name).FirstOrDefault();
            lines.Add(nearest is null ? $"'{word}' is not a rapport command" : $"'{word}' is not a rapport command; did you mean '{nearest}'?");
            return lines;
        }

        foreach (var error in parse.Errors)
        {
            var message = error.Message;
            var number = NotANumber().Match(message);
            if (number.Success)
            {
                var kind = number.Groups["type"].Value.Contains("Int", StringComparison.Ordinal) ? "a whole number" : "a number";
                message = $"{number.Groups["option"].Value} must be {kind} (got '{number.Groups["value"].Value}')";
            }

            if (!lines.Contains(message))
            {
                lines.Add(message);
            }
        }

        return lines;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"Cannot parse argument '(?<value>[^']*)' for option '(?<option>[^']*)' as expected type '(?<type>[^']*)'")]
    private static partial Regex NotANumber();
}
