using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Rapport.Cli.Hosting;
using Rapport.Server;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport dashboard</c>: the server on loopback in dev mode over the data folder's own store, and the dashboard's URL.</summary>
internal sealed class DashboardCommand : CliCommand
{
    /// <summary>The default port: next to <c>rapport serve</c>'s 5180, so both can run.</summary>
    public const int DefaultPort = 5181;

    private readonly Option<int> Port = new("--port") { Description = $"Port on 127.0.0.1 (default {DefaultPort}; 0 picks a free one)", DefaultValueFactory = _ => DefaultPort };
    private readonly Option<bool> Open = new("--open") { Description = "Also open the dashboard in the default browser" };

    public DashboardCommand(CliContext context)
        : base("dashboard", "Show memory, traces, evaluation runs and the demo's curves in a local web page (loopback only)", context)
    {
        Options.Add(Port);
        Options.Add(Open);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var port = parse.GetValue(Port);
        if (port is < 0 or > 65535)
        {
            throw new ArgumentException($"Invalid --port {port}: use 0-65535 (0 picks a free port).");
        }

        var options = ServeCommand.ServerOptions(parse, Context);
        options.Urls = $"http://127.0.0.1:{port}";
        options.Dev = true;
        if (host.StoreLocation.Scheme == "sqlite")
        {
            // Tenant dev is the data folder's own store: what remember, chat, eval and demo wrote.
            options.Store = null;
            options.DevStore = "sqlite:" + host.StoreLocation.Target;
        }
        else
        {
            Console.Notice($"dashboard: the store is {host.StoreLocation.Scheme}; the local session shows the server's tenant 'dev' there.");
        }

        await using var app = await RapportServer.CreateAsync(options, LogLevel.Warning).ConfigureAwait(false);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var url = app.Addresses[0].TrimEnd('/') + "/dashboard";
        Console.WriteLine($"Rapport dashboard: {url} (loopback only; this local session needs no key; Ctrl+C stops)");
        if (parse.GetValue(Open))
        {
            try
            {
                Process.Start(new ProcessStartInfo(url) { UseShellExecute = true })?.Dispose();
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
            {
                Console.Notice($"dashboard: could not open a browser ({ex.Message}); open {url} yourself.");
            }
        }

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
}
