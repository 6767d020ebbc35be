namespace Rapport.Cli.Commands;

/// <summary>What a command was asked about does not exist; the command exits with <see cref="ExitCodes.NotFound"/>.</summary>
/// <param name="message">One line saying what was not found and where to look.</param>
internal sealed class CliNotFoundException(string message) : Exception(message);
