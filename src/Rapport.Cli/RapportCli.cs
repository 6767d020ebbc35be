using System.CommandLine;
using Rapport.Cli.Commands;
using Rapport.Cli.Output;

namespace Rapport.Cli;

/// <summary>The <c>rapport</c> command line: builds the command tree and runs one invocation.</summary>
internal static class RapportCli
{
    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("Rapport: a memory that learns what helps each user of a supportive agent, with tracing and evaluation.");
        root.Options.Add(context.Global.Store);
        root.Options.Add(context.Global.Home);
        root.Options.Add(context.Global.Json);
        root.Subcommands.Add(new RememberCommand(context));
        root.Subcommands.Add(new OutcomeCommand(context));
        root.Subcommands.Add(new RecallCommand(context));
        root.Subcommands.Add(new StatsCommand(context));
        root.Subcommands.Add(new ForgetCommand(context));
        root.Subcommands.Add(new DemoCommand(context));
        root.Subcommands.Add(new ChatCommand(context));
        root.Subcommands.Add(new TracesCommand(context));
        root.Subcommands.Add(new BenchCommand(context));
        root.Subcommands.Add(new DoctorCommand(context));
        root.Subcommands.Add(new ServeCommand(context));
        root.Subcommands.Add(new KeysCommand(context));
        root.Subcommands.Add(new Commands.Eval.EvalCommand(context));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    /// <remarks>Parse errors (unknown option, missing required option, malformed number) exit with
    /// <see cref="ExitCodes.BadInput"/> and one line per error on stderr. <paramref name="environment"/> reads the variables
    /// that only the CLI reads (the chat model's); the default is the process environment.</remarks>
    public static async Task<int> RunAsync(
        string[] args, CliConsole console, TimeProvider? timeProvider = null, Func<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(console, timeProvider ?? TimeProvider.System, environment ?? Environment.GetEnvironmentVariable);
        var parse = Build(context).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.Error(error.Message);
            }

            console.Notice("see 'rapport --help' (or 'rapport <command> --help') for what is accepted");
            return ExitCodes.BadInput;
        }

        var invocation = new InvocationConfiguration { Output = console.Output, EnableDefaultExceptionHandler = false };
        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }
}
