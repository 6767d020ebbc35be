using System.Text.Json;
using Rapport.Configuration;

namespace Rapport.Evaluation.Runs;

/// <summary>Keeps each run as one JSON file in a folder, by default <c>&lt;data folder&gt;/evaluations</c>.</summary>
/// <remarks>
/// A save writes a temporary file and renames it over the target, so a failed save leaves no partial run. Files are
/// self-describing JSON (dataset, target description and configuration hash, every case), easy to diff or archive.
/// Thread-safe.
/// </remarks>
public sealed class FileEvaluationRunStore : IEvaluationRunStore
{
    /// <summary>The folder name inside the data folder.</summary>
    public const string FolderName = "evaluations";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly string _folder;

    /// <summary>Creates the store over <paramref name="folder"/> (created on first save).</summary>
    public FileEvaluationRunStore(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _folder = Path.GetFullPath(folder);
    }

    /// <summary>Gets the folder the runs are kept in.</summary>
    public string Folder => _folder;

    /// <summary>Creates the store in the evaluations folder of the data folder <paramref name="home"/> (see <see cref="RapportPaths"/>).</summary>
    public static FileEvaluationRunStore InHome(string? home = null) =>
        new(Path.Combine(RapportPaths.ResolveHome(home), FolderName));

    /// <inheritdoc/>
    public async Task SaveAsync(EvaluationRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Id.AsSpan().IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || run.Id.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Run id '{run.Id}' cannot be a file name.", nameof(run));
        }

        Directory.CreateDirectory(_folder);
        var path = PathOf(run.Id);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            var stream = File.Create(temporary);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, run, Json, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <inheritdoc/>
    public async Task<EvaluationRun?> GetAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        if (!Directory.Exists(_folder))
        {
            return null;
        }

        var ids = RunIds().ToList();
        var id = ids.Contains(idOrPrefix, StringComparer.Ordinal) ? idOrPrefix : null;
        if (id is null)
        {
            var matches = ids.Where(i => i.StartsWith(idOrPrefix, StringComparison.Ordinal) || i.EndsWith(idOrPrefix, StringComparison.Ordinal)).ToList();
            if (matches.Count > 1)
            {
                throw new ArgumentException($"'{idOrPrefix}' matches {matches.Count} runs ({string.Join(", ", matches.Take(5))}); give more of the id.", nameof(idOrPrefix));
            }

            id = matches.FirstOrDefault();
        }

        return id is null ? null : await ReadAsync(PathOf(id), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<EvaluationRun>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_folder))
        {
            return [];
        }

        var runs = new List<EvaluationRun>();
        foreach (var id in RunIds())
        {
            if (await ReadAsync(PathOf(id), cancellationToken).ConfigureAwait(false) is { } run)
            {
                runs.Add(run);
            }
        }

        return runs.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).ToList();
    }

    private IEnumerable<string> RunIds() =>
        Directory.EnumerateFiles(_folder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>();

    private string PathOf(string id) => Path.Combine(_folder, id + ".json");

    private static async Task<EvaluationRun?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using var disposeStream = stream.ConfigureAwait(false);
        try
        {
            return await JsonSerializer.DeserializeAsync<EvaluationRun>(stream, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Evaluation run file '{path}' is not a valid run: {e.Message}", e);
        }
    }
}
