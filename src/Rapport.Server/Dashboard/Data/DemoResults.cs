using System.Text.Json;

namespace Rapport.Server.Dashboard.Data;

/// <summary>The latest <c>rapport demo</c> run's curves, read from the <c>demo.json</c> it leaves in its folder (the same document as <c>rapport demo --json</c>).</summary>
/// <param name="File">The file read.</param>
/// <param name="Mean">Success rate per session, mean over seeds, per coach.</param>
/// <param name="Seeds">Each seed's own curves.</param>
internal sealed record DemoResults(string File, IReadOnlyList<DemoSession> Mean, IReadOnlyList<(int Seed, IReadOnlyList<DemoSession> Sessions)> Seeds)
{
    /// <summary>The file name the demo writes into its run folder.</summary>
    public const string FileName = "demo.json";

    /// <summary>Reads the newest run under <paramref name="folder"/> (<c>&lt;home&gt;/demo</c>), or <see langword="null"/> when there is none.</summary>
    /// <exception cref="InvalidDataException">The newest file is not a demo result.</exception>
    public static async Task<DemoResults?> LatestAsync(string? folder, CancellationToken cancellationToken)
    {
        if (folder is null || !Directory.Exists(folder))
        {
            return null;
        }

        var file = Directory.EnumerateFiles(folder, FileName, SearchOption.AllDirectories).OrderByDescending(System.IO.File.GetLastWriteTimeUtc).FirstOrDefault();
        if (file is null)
        {
            return null;
        }

        try
        {
            var stream = System.IO.File.OpenRead(file);
            await using (stream.ConfigureAwait(false))
            {
                using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                var root = json.RootElement;
                List<(int Seed, IReadOnlyList<DemoSession> Sessions)> seeds = [.. root.GetProperty("runs").EnumerateArray()
                    .Select(run => (run.GetProperty("seed").GetInt32(), (IReadOnlyList<DemoSession>)Sessions(run.GetProperty("sessions"))))];
                return new DemoResults(file, Sessions(root.GetProperty("mean")), seeds);
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"'{file}' is not a demo result ({ex.Message}); run 'rapport demo' again.", ex);
        }
    }

    private static List<DemoSession> Sessions(JsonElement array) =>
    [
        .. array.EnumerateArray().Select(s => new DemoSession(
            s.GetProperty("session").GetInt32(), s.GetProperty("noMemory").GetDouble(), s.GetProperty("rapport").GetDouble(),
            s.GetProperty("typeAware").GetDouble(), s.GetProperty("oracle").GetDouble())),
    ];
}
