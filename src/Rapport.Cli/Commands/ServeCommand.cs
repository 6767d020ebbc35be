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

    private readonly Option<int?> CacheMb = new("--cache-mb")
    {
        Description = "MiB of users' vectors kept in memory, all tenants together, least recently used dropped first (default RAPPORT_CACHE_MB, else 256)",
    };

    private readonly Option<string?> Vectors = new("--vectors")
    {
        Description = "How cached vectors are held: full (exact scan) or compact (int8, re-scored exactly; about 1.5x the users per MiB); default RAPPORT_VECTORS, else full",
    };

    public ServeCommand(CliContext context)
        : base("serve", "Serve Rapport over HTTP (/v1, /reference, /metrics) with API keys per tenant", context)
    {
        Options.Add(Urls);
        Options.Add(Dev);
        Options.Add(LogFormat);
        Options.Add(MinimumLevel);
        Options.Add(CacheMb);
        Options.Add(Vectors);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var options = ServerOptions(parse, Context);
        options.Urls = parse.GetValue(Urls)!;
        options.Dev = parse.GetValue(Dev);
        options.LogFormat = parse.GetValue(LogFormat) ?? Context.Environment("RAPPORT_LOG_FORMAT") ?? options.LogFormat;
        options.CacheMaxBytes = CacheBytes(parse.GetValue(CacheMb), Context.Environment("RAPPORT_CACHE_MB"));
        options.CachePrecision = Precision(parse.GetValue(Vectors) ?? Context.Environment("RAPPORT_VECTORS"));
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

    // --cache-mb, else RAPPORT_CACHE_MB, else the default; whole MiB from 1 to 1 TiB.
    private static long CacheBytes(int? flag, string? variable)
    {
        long megabytes;
        if (flag is { } given)
        {
            megabytes = given;
        }
        else if (variable is null)
        {
            return Rapport.Search.UserVectorCache.DefaultMaxBytes;
        }
        else if (!long.TryParse(variable, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out megabytes))
        {
            throw new ArgumentException("RAPPORT_CACHE_MB must be a whole number of MiB from 1 to 1048576.");
        }

        return megabytes is >= 1 and <= 1024 * 1024
            ? megabytes * 1024 * 1024
            : throw new ArgumentException($"--cache-mb must be from 1 to 1048576 MiB (got {megabytes}).");
    }

    private static Rapport.Search.VectorPrecision Precision(string? value) => value?.ToLowerInvariant() switch
    {
        null or "full" => Rapport.Search.VectorPrecision.Full,
        "compact" => Rapport.Search.VectorPrecision.Compact,
        _ => throw new ArgumentException("--vectors must be full or compact (from the flag or RAPPORT_VECTORS)."),
    };

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
