using System.CommandLine;
using Rapport.Cli.Hosting;
using Rapport.Server.Keys;
using Spectre.Console;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport keys create|list|revoke</c>: the server's API keys, in the store in use.</summary>
internal sealed class KeysCommand : Command
{
    public KeysCommand(CliContext context)
        : base("keys", "Create, list and revoke the server's API keys (kept in the store in use, only as hashes)")
    {
        Subcommands.Add(new KeysCreateCommand(context));
        Subcommands.Add(new KeysListCommand(context));
        Subcommands.Add(new KeysRevokeCommand(context));
    }
}

/// <summary><c>rapport keys create</c>: prints a new key once.</summary>
internal sealed class KeysCreateCommand : CliCommand
{
    private readonly Option<string> Tenant = new("--tenant") { Description = "The tenant the key belongs to", DefaultValueFactory = _ => ApiKeys.DefaultTenant };
    private readonly Option<string?> User = new("--user") { Description = "Bind the key to this one user" };
    private readonly Option<bool> Admin = new("--admin") { Description = "Make an admin key" };

    public KeysCreateCommand(CliContext context)
        : base("create", "Create a key; it is shown once", context)
    {
        Options.Add(Tenant);
        Options.Add(User);
        Options.Add(Admin);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var (secret, key) = ApiKeys.Create(parse.GetValue(Tenant)!, parse.GetValue(User), parse.GetValue(Admin), Context.TimeProvider);
        await using var keys = await ApiKeyStores.OpenAsync(ServeCommand.ServerOptions(parse, Context)).ConfigureAwait(false);
        await keys.AddAsync(key, cancellationToken).ConfigureAwait(false);
        Console.WriteLine(secret);
        Console.Notice($"key {key.Id} for tenant '{key.Tenant}'{(key.User is null ? "" : $", user '{key.User}'")}{(key.Admin ? ", admin" : "")}: shown once, stored as a hash in {keys.Description}");
        return ExitCodes.Success;
    }
}

/// <summary><c>rapport keys list</c>: ids, tenants, users, never the keys.</summary>
internal sealed class KeysListCommand : CliCommand
{
    public KeysListCommand(CliContext context)
        : base("list", "List keys (ids, tenants, users; never the keys themselves)", context)
    {
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        await using var keys = await ApiKeyStores.OpenAsync(ServeCommand.ServerOptions(parse, Context)).ConfigureAwait(false);
        var all = await keys.ListAsync(cancellationToken).ConfigureAwait(false);
        var table = new Table().AddColumns("id", "tenant", "user", "admin", "created", "revoked");
        foreach (var k in all)
        {
            table.AddRow(k.Id, Markup.Escape(k.Tenant), Markup.Escape(k.User ?? "-"), k.Admin ? "yes" : "no", k.CreatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
                k.RevokedAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "-");
        }

        Console.Write(table);
        return ExitCodes.Success;
    }
}

/// <summary><c>rapport keys revoke &lt;id&gt;</c>.</summary>
internal sealed class KeysRevokeCommand : CliCommand
{
    private readonly Argument<string> Id = new("id") { Description = "The key's id (from rapport keys list)" };

    public KeysRevokeCommand(CliContext context)
        : base("revoke", "Revoke a key: every instance refuses it at once", context)
    {
        Arguments.Add(Id);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        await using var keys = await ApiKeyStores.OpenAsync(ServeCommand.ServerOptions(parse, Context)).ConfigureAwait(false);
        var id = parse.GetValue(Id)!;
        if (!await keys.RevokeAsync(id, Context.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            Console.Error($"no live key '{id}' (see rapport keys list)");
            return ExitCodes.BadInput;
        }

        Console.WriteLine($"revoked {id}");
        return ExitCodes.Success;
    }
}
