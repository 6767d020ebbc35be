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

    /// <summary>Gets whether the command only reads memories: its SQLite store is then opened read-only (nothing created,
    /// migrated or purged, no write lock taken), so it never waits behind another process's write.</summary>
    protected virtual bool ReadsOnly => false;

    /// <summary>Does the command's work.</summary>
    protected abstract Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="CliNotFoundException"/> when the store is a SQLite file that does not exist, so that a
    /// command that only reads never creates folders or an empty database.</summary>
    protected static void RequireExistingStore(CliHost host)
    {
        if (!string.Equals(host.StoreLocation.Scheme, "sqlite", StringComparison.OrdinalIgnoreCase) || File.Exists(host.StoreLocation.Target))
        {
            return;
        }

        // A file where a folder should be is a store that cannot be opened (exit 1, the store's own message), not a missing one.
        var ancestor = Path.GetDirectoryName(Path.GetFullPath(host.StoreLocation.Target));
        while (ancestor is not null && !Directory.Exists(ancestor) && !File.Exists(ancestor))
        {
            ancestor = Path.GetDirectoryName(ancestor);
        }

        if (ancestor is null || Directory.Exists(ancestor))
        {
            throw new CliNotFoundException($"no store at {host.StoreLocation.Target} (nothing has been remembered there yet)");
        }
    }

    /// <summary>The line that says writes wait in the Redis outbox, why, and when they are applied.</summary>
    protected static string OutboxNotice(Rapport.Redis.RedisMemoryStore redis) =>
        $"Redis at {redis.Endpoint} is unreachable ({redis.Unreachable ?? "too slow to answer"}): {redis.PendingWrites} write(s) " +
        $"wait in the outbox {redis.OutboxPath} and are applied, in order, by the next command that reaches Redis.";

    /// <summary>Gets the embedder a command's own option names (over <c>RAPPORT_EMBEDDER</c>), or <see langword="null"/>.</summary>
    protected virtual string? EmbedderOverride(ParseResult parse) => null;

    /// <summary>Gets the chat model the coach words its turns with in this command, or <see langword="null"/> for the offline wording.</summary>
    /// <exception cref="ArgumentException">The configuration is malformed.</exception>
    protected virtual ChatModelSettings? CoachModel(ParseResult parse) => null;

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        try
        {
            await using var host = Context.CreateHost(
                parse.GetValue(Context.Global.Store), parse.GetValue(Context.Global.Home), ReadsOnly, EmbedderOverride(parse), CoachModel(parse));
            var code = await ExecuteAsync(parse, host, cancellationToken).ConfigureAwait(false);

            if (host.OpenedRedis is { PendingWrites: > 0 } redis)
            {
                // Never silent: a write that did not reach Redis is acknowledged (it is durable in the outbox), and said so.
                Console.Notice(OutboxNotice(redis));
            }

            return code;
        }
        catch (CliNotFoundException ex)
        {
            Console.Error(ex.Message);
            return ExitCodes.NotFound;
        }
        catch (Rapport.Evaluation.Datasets.EvaluationDatasetException ex)
        {
            Console.Error(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (ArgumentException ex)
        {
            Console.Error(ex.Message.Split(" (Parameter '", 2)[0]);
            return ExitCodes.BadInput;
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

