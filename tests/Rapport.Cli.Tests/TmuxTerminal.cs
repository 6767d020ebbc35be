using System.Diagnostics;

namespace Rapport.Cli.Tests;

/// <summary>A real terminal of a given width, driven through tmux.</summary>
internal static class TmuxTerminal
{
    public static bool IsInstalled => File.Exists("/usr/bin/tmux") || File.Exists("/usr/local/bin/tmux");

    /// <summary>Waits until <paramref name="text"/> is on the screen (with its scrollback, wrapped lines joined); returns the screen.</summary>
    public static async Task<string> WaitFor(string session, string text, TimeSpan timeout)
    {
        var screen = "";
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            screen = await Run("capture-pane", "-p", "-J", "-S", "-500", "-t", session);
            if (screen.Contains(text, StringComparison.Ordinal))
            {
                return screen;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"'{text}' never appeared; the terminal shows:\n{screen}");
    }

    public static async Task<string> Run(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
