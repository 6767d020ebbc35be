using System.Text.Json;
using Rapport.Cli.Output;

namespace Rapport.Cli.Demo;

/// <summary>Writes the demo's results next to its stores as <c>demo.json</c> (the <c>--json</c> document), which <c>rapport dashboard</c> draws.</summary>
internal static class DemoFiles
{
    /// <summary>The file name; the dashboard reads the newest one under <c>&lt;home&gt;/demo</c>.</summary>
    public const string FileName = "demo.json";

    public static async Task WriteAsync(DemoJson results, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var temporary = path + ".tmp";
        var stream = File.Create(temporary);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, results, CliJson.Output.DemoJson, cancellationToken).ConfigureAwait(false);
        }

        // Renamed into place: the dashboard never reads half a file.
        File.Move(temporary, path, overwrite: true);
    }
}
