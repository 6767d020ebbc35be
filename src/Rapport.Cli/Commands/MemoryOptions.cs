using System.CommandLine;

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
}
