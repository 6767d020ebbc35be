using System.CommandLine;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.Embeddings.Onnx;
using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Cli.Commands;

/// <summary>A <c>rapport</c> subcommand: runs with a host and a console, and maps failures to exit codes.</summary>
/// <remarks>Failures map to one line on stderr and an exit code through <see cref="CliFailures"/>: invalid input
/// (<see cref="ArgumentException"/>) exits with <see cref="ExitCodes.BadInput"/>; a store that cannot be opened or fails later,
/// or any other failure, exits with <see cref="ExitCodes.Failure"/>.</remarks>
internal abstract class CliCommand : Command
{
    /// <summary>Creates the command and wires its action.</summary>
    protected CliCommand(string name, string description, CliContext context)
        : base(name, description)
    {
        Context = context;
        SetAction(RunAsync);
    }

    /// <summary>Gets the context shared by the commands of one invocation.</summary>
    protected CliContext Context { get; }

    /// <summary>Gets the console.</summary>
    protected CliConsole Console => Context.Console;

    /// <summary>Does the command's work.</summary>
    protected abstract Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken);

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        try
        {
            await using var host = Context.CreateHost(parse.GetValue(Context.Global.Store), parse.GetValue(Context.Global.Home));
            return await ExecuteAsync(parse, host, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.Error("cancelled");
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            var (message, code) = CliFailures.Describe(ex);
            Console.Error(message);
            return code;
        }
    }
}
