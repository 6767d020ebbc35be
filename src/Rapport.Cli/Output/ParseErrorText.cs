using System.CommandLine;
using System.Text.RegularExpressions;

namespace Rapport.Cli.Output;

/// <summary>Turns the parser's errors into the lines a person reads: one per problem, in words, with at most one
/// suggestion for a mistyped command.</summary>
internal static partial class ParseErrorText
{
    /// <summary>The most characters of a value an error line repeats: a person's words may be long, the line may not.</summary>
    private const int ShownValue = 40;

    /// <summary>Returns the one line to print for <paramref name="parse"/>'s errors: the first problem, how many more there
    /// are, and where to read what is accepted.</summary>
    public static string OneLine(ParseResult parse, Command root)
    {
        var lines = Lines(parse, root);
        var first = lines.Count > 0 ? lines[0].TrimEnd('.') : "the command line could not be read";
        var more = lines.Count > 1 ? $" (and {lines.Count - 1} more problem{(lines.Count > 2 ? "s" : "")})" : "";
        var help = parse.CommandResult.Command == root ? "rapport --help" : $"rapport {CommandPath(parse.CommandResult.Command, root)} --help";
        return $"{first}{more}; see '{help}' for what is accepted";
    }

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
            lines.Add(nearest is null ? $"'{Shorten(word)}' is not a rapport command" : $"'{Shorten(word)}' is not a rapport command; did you mean '{nearest}'?");
            return lines;
        }

        foreach (var error in parse.Errors)
        {
            var message = error.Message;
            var number = NotANumber().Match(message);
            if (number.Success)
            {
                var kind = number.Groups["type"].Value.Contains("Int", StringComparison.Ordinal) ? "a whole number" : "a number";
                message = $"{number.Groups["option"].Value} must be {kind} (got '{Shorten(number.Groups["value"].Value)}')";
            }
            else if (Unrecognized().Match(message) is { Success: true } unrecognized)
            {
                message = $"Unrecognized command or argument '{Shorten(unrecognized.Groups["value"].Value)}'";
            }

            if (!lines.Contains(message))
            {
                lines.Add(message);
            }
        }

        return lines;
    }

    private static string Shorten(string value) =>
        value.Length <= ShownValue ? value : value[..ShownValue] + "…";

    private static string CommandPath(Command command, Command root)
    {
        var names = new List<string>();
        for (Command? at = command; at is not null && at != root; at = at.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, at.Name);
        }

        return string.Join(' ', names);
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

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']*)' as expected type '(?<type>[^']*)'", RegexOptions.Singleline)]
    private static partial Regex NotANumber();

    [GeneratedRegex(@"^Unrecognized command or argument '(?<value>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex Unrecognized();
}
