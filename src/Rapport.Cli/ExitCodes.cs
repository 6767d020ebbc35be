namespace Rapport.Cli;

/// <summary>The exit codes of the <c>rapport</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Something failed that was not the caller's input (a store that cannot be opened, an I/O error).</summary>
    public const int Failure = 1;

    /// <summary>The input was invalid: unknown option, malformed value, invalid id, text too long.</summary>
    public const int BadInput = 2;

    /// <summary>What was asked for does not exist (for example a trace id that is unknown or expired).</summary>
    public const int NotFound = 3;
}
