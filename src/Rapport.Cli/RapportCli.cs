using System.CommandLine;
using Rapport.Cli.Commands;
using Rapport.Cli.Output;

namespace Rapport.Cli;

/// <summary>The <c>rapport</c> command line: builds the command tree and runs one invocation.</summary>
internal static class RapportCli
{
    /// <summary>What <c>rapport --help</c> says before the commands: what Rapport is, examples, and the variables it reads.</summary>
    private const string Description = """
        Rapport: a memory that learns what helps each user of a supportive agent, with tracing and evaluation.

        Examples:
          rapport remember --user ana --situation "Exam nerves" --kind breathing --text "Breathe with me."
          rapport recall --user ana --query "nervous about the test"
          rapport outcome --id <id printed by remember or recall> --outcome helped
          rapport chat --user ana
          rapport stats --json
          rapport help recall

        Environment:
          RAPPORT_HOME                  the data folder (default ~/.rapport)
          RAPPORT_STORE                 sqlite:<path> or redis:<host>:<port> (default sqlite:<home>/rapport.db)
          RAPPORT_EMBEDDER              the embedder (default: the local all-MiniLM-L6-v2 model)
          RAPPORT_MODEL_DIR             where the local model is
          RAPPORT_CHAT_PROVIDER, RAPPORT_CHAT_MODEL, RAPPORT_CHAT_ENDPOINT, RAPPORT_CHAT_API_KEY
                                        the chat model of the LLM judges, of `chat` and of `eval run --target chat`
          RAPPORT_TELEMETRY_SENSITIVE   true lets traces carry user text (off by default)
          OTEL_EXPORTER_OTLP_ENDPOINT   also export traces over OTLP (and the other OTEL_* variables)

        Exit codes: 0 ok, 1 failure, 2 bad input, 3 not found (docs/cli.md).
        """;

    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(Description);
        root.Options.Add(context.Global.Store);
        root.Options.Add(context.Global.Home);
        root.Options.Add(context.Global.Json);
        root.Subcommands.Add(new RememberCommand(context));
        root.Subcommands.Add(new OutcomeCommand(context));
        root.Subcommands.Add(new RecallCommand(context));
        root.Subcommands.Add(new StatsCommand(context));
        root.Subcommands.Add(new MemoriesCommand(context));
        root.Subcommands.Add(new ForgetCommand(context));
        root.Subcommands.Add(new ReembedCommand(context));
        root.Subcommands.Add(new DemoCommand(context));
        root.Subcommands.Add(new ChatCommand(context));
        root.Subcommands.Add(new TracesCommand(context));
        root.Subcommands.Add(new BenchCommand(context));
        root.Subcommands.Add(new DoctorCommand(context));
        root.Subcommands.Add(new ServeCommand(context));
        root.Subcommands.Add(new DashboardCommand(context));
        root.Subcommands.Add(new KeysCommand(context));
        root.Subcommands.Add(new Commands.Eval.EvalCommand(context));
        return root;
    }

    /// <summary>The parser's settings: no response files.</summary>
    /// <remarks>Arguments carry a person's words, quoted by an agent. With response files on, a word starting with <c>@</c> is read as
    /// the name of a file of further arguments: "@home I feel lonely" fails, and <c>--text @/etc/hostname</c> copies a local file into
    /// memory or redirects the store. Every argument is taken verbatim instead.</remarks>
    internal static ParserConfiguration Parser { get; } = new() { ResponseFileTokenReplacer = null };

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    /// <remarks>Parse errors (unknown option, missing required option, malformed number) exit with
    /// <see cref="ExitCodes.BadInput"/> and one line per error on stderr. <paramref name="environment"/> reads the variables
    /// that only the CLI reads (the chat model's); the default is the process environment.</remarks>
    public static async Task<int> RunAsync(
        string[] args, CliConsole console, TimeProvider? timeProvider = null, Func<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(console, timeProvider ?? TimeProvider.System, environment ?? Environment.GetEnvironmentVariable);
        // "rapport help [command]" is "rapport [command] --help".
        if (args is ["help", .. var rest])
        {
            args = [.. rest, "--help"];
        }

        var root = Build(context);
        var parse = root.Parse(args, Parser);
        if (parse.Errors.Count > 0)
        {
            // One line, as for every other failure: the first problem, how many more, and where to read what is accepted.
            console.Error(ParseErrorText.OneLine(parse, root));
            return ExitCodes.BadInput;
        }

        // Chat ends its session on Ctrl-C itself (with its reflection, exit 0), so the parser's own Ctrl-C handling, which
        // would turn that into exit 130, is off for chat alone; every other command keeps it (cancelled, exit 1).
        var invocation = new InvocationConfiguration { Output = console.Output, EnableDefaultExceptionHandler = false };
        if (parse.CommandResult.Command is ChatCommand)
        {
            invocation.ProcessTerminationTimeout = null;
        }
        else if (parse.CommandResult.Command is ServeCommand)
        {
            // SIGTERM must leave serve time to drain requests (30 s) and deliver the Redis outbox (5 s): the parser's default of
            // 2 s ended the process under requests still in flight.
            invocation.ProcessTerminationTimeout = TimeSpan.FromSeconds(40);
        }

        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Last resort (a failure while the host is disposed, say): one line, never a stack trace or an abort.
            var (message, code) = CliFailures.Describe(ex);
            console.Error(message);
            return code;
        }
    }
}
