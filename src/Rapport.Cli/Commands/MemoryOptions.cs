using System.CommandLine;
using Rapport.Search;

namespace Rapport.Cli.Commands;

/// <summary>Options shared by the memory commands, defined once so that their names and help agree.</summary>
internal static class MemoryOptions
{
    /// <summary>Creates a required <c>--user</c> option.</summary>
    public static Option<string> User(string description = "The user's id (1-128 of letters, digits and . _ : @ -)") =>
        new("--user", "-u") { Description = description, Required = true };

    /// <summary>Creates an <c>--outcome</c> option.</summary>
    public static Option<string?> Outcome(string description, bool required = false) =>
        new("--outcome") { Description = description, Required = required, HelpName = "helped|not-helped" };

    /// <summary>Creates a <c>--rating</c> option.</summary>
    public static Option<int?> Rating() =>
        new("--rating") { Description = "The user's rating, 1-5", HelpName = "1-5" };

    /// <summary>Creates a <c>--mode</c> option (hybrid, dense or lexical).</summary>
    public static Option<string?> Mode(string description) =>
        new("--mode", "-m") { Description = description, HelpName = "hybrid|dense|lexical" };

    /// <summary>Reads a search mode name; throws an <see cref="ArgumentException"/> saying what is accepted.</summary>
    public static SearchMode ParseMode(string? text) =>
        Enum.TryParse<SearchMode>(text, ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !int.TryParse(text, out _)
            ? mode
            : throw new ArgumentException($"Invalid --mode '{text}': use hybrid, dense or lexical.");
}
