using System.CommandLine;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.Memory;
using Spectre.Console;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport forget</c>: removes everything about a user, after confirmation.</summary>
internal sealed class ForgetCommand : CliCommand
{
    private readonly Option<string> User = MemoryOptions.User("The user to forget");
    private readonly Option<bool> Yes = new("--yes", "-y") { Description = "Do not ask for confirmation" };

    public ForgetCommand(CliContext context)
        : base("forget", "Remove everything Rapport holds about a user", context)
    {
        Options.Add(User);
        Options.Add(Yes);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var user = MemoryIds.ValidateUserId(parse.GetValue(User));
        if (!parse.GetValue(Yes))
        {
            if (!Console.IsInteractive)
            {
                throw new ArgumentException($"Refusing to forget '{user}' without confirmation: not on a terminal, so pass --yes.");
            }

            if (!await Console.Out.ConfirmAsync($"Forget everything about [bold]{Markup.Escape(user)}[/] in {Markup.Escape(host.Memory.StoreDescription)}?", defaultValue: false, cancellationToken).ConfigureAwait(false))
            {
                Console.Notice("nothing was removed");
                return ExitCodes.Success;
            }
        }

        var removed = await host.Memory.ForgetUserAsync(user, cancellationToken).ConfigureAwait(false);

        // The user's traces go too: the local trace store links them to the user by a keyed hash of the id.
        var spans = await host.Telemetry.ForgetUserAsync(user, cancellationToken).ConfigureAwait(false);
        if (parse.GetValue(Context.Global.Json))
        {
            Console.WriteJson(new ForgetJson(user, removed) { TraceSpansRemoved = spans }, CliJson.Output.ForgetJson);
        }
        else
        {
            Console.WriteLine($"Forgot {user}: {removed} records removed, {spans} trace spans removed.");
        }

        return ExitCodes.Success;
    }
}
