using System.CommandLine;
using Microsoft.Extensions.Logging;
using Rapport.Cli.Hosting;
using Rapport.Server;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport serve</c>: the HTTP API, OpenAPI and metrics on Kestrel until Ctrl+C or SIGTERM (requests in flight drain).</summary>
internal sealed class ServeCommand : CliCommand
{
    private readonly Option<string> Urls = new("--urls")
    {
        Description = $"Where to listen, separated by ';' (default: {RapportServerOptions.DefaultUrls})",
        DefaultValueFactory = _ => RapportServerOptions.DefaultUrls,
    };

    private readonly Option<bool> Dev = new("--dev") { Description = "Serve requests without a key as tenant 'dev' (loopback addresses only)" };

    private readonly Option<string?> LogFormat = new("--log-format")
    {
        Description = "The console log: simple (text) or json (one object per line); default RAPPORT_LOG_FORMAT, else simple",
    };

    private readonly Option<string> MinimumLevel = new("--log-level")
    {
        Description = "The least severe log entries written: trace, debug, information (one line per request), warning, error",
        DefaultValueFactory = _ => "warning",
    };

    public ServeCommand(CliContext context)
        : base("serve", "Serve Rapport over HTTP (/v1, /reference, /metrics) with API keys per tenant", context)
    {
        Options.Add(Urls);
        Options.Add(Dev);
        Options.Add(LogFormat);
        Options.Add(MinimumLevel);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var options = ServerOptions(parse, Context);
        options.Urls = parse.GetValue(Urls)!;
        options.Dev = parse.GetValue(Dev);
        options.LogFormat = parse.GetValue(LogFormat) ?? Context.Environment("RAPPORT_LOG_FORMAT") ?? options.LogFormat;
        var level = parse.GetValue(MinimumLevel)!;
        if (!Enum.TryParse<LogLevel>(level, ignoreCase: true, out var minimum) || minimum is LogLevel.None || int.TryParse(level, out _))
        {
            throw new ArgumentException($"Invalid --log-level '{level}': use trace, debug, information, warning or error.");
        }

        await using var app = await RapportServer.CreateAsync(options, minimum).ConfigureAwait(false);
        if (app.FirstAdminKey is { } key)
        {
            Console.WriteLine($"First start: created an admin key for tenant 'default' (shown once, stored only as a hash):\n  {key}");
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"rapport serving {string.Join(", ", app.Addresses)} (API /v1, reference /reference, metrics /metrics){(options.Dev ? " in dev mode: requests without a key are tenant 'dev'" : "")}; Ctrl+C stops");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The server's options from <c>--home</c>, <c>--store</c> and the <c>RAPPORT_*</c> variables.</summary>
    public static RapportServerOptions ServerOptions(ParseResult parse, CliContext context) => new()
    {
        Home = parse.GetValue(context.Global.Home) ?? context.Environment("RAPPORT_HOME"),
        Store = parse.GetValue(context.Global.Store) ?? context.Environment("RAPPORT_STORE"),
        Embedder = context.Environment("RAPPORT_EMBEDDER"),
        TimeProvider = context.TimeProvider,
        Environment = context.Environment,
    };
}
