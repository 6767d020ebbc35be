using System.Text.Json;
using Rapport.Evaluation.Runs;

namespace Rapport.Server.Evaluations;

/// <summary>How the server's run stores write a run: the JSON of <see cref="FileEvaluationRunStore"/>'s files (web defaults), unindented.</summary>
internal static class EvaluationRunJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(EvaluationRun run) => JsonSerializer.Serialize(run, Options);

    public static EvaluationRun Read(string json, string where)
    {
        try
        {
            return JsonSerializer.Deserialize<EvaluationRun>(json, Options) ?? throw new InvalidDataException($"Evaluation run {where} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Evaluation run {where} is not a valid run: {e.Message}", e);
        }
    }

    /// <summary>Picks the id that is <paramref name="idOrPrefix"/>, or the one id that starts or ends with it (as the file store does).</summary>
    /// <exception cref="ArgumentException">More than one id matches.</exception>
    public static string? Match(IEnumerable<string> ids, string idOrPrefix)
    {
        var all = ids.ToList();
        if (all.Contains(idOrPrefix, StringComparer.Ordinal))
        {
            return idOrPrefix;
        }

        var matches = all.Where(i => i.StartsWith(idOrPrefix, StringComparison.Ordinal) || i.EndsWith(idOrPrefix, StringComparison.Ordinal)).ToList();
        return matches.Count <= 1
            ? matches.FirstOrDefault()
            : throw new ArgumentException($"'{idOrPrefix}' matches {matches.Count} runs ({string.Join(", ", matches.Take(5))}); give more of the id.", nameof(idOrPrefix));
    }

    /// <summary>Throws unless <paramref name="id"/> is a usable run id (the runner's ids are <c>run-yyyyMMdd-HHmmss-xxxx</c>).</summary>
    public static void ValidateId(string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 128 || id.Any(c => c is < '!' or > '~' or '{' or '}' or '*' or '?' or '[' or ']' or '/' or '\\'))
        {
            throw new ArgumentException($"Run id '{id}' is not usable: 1-128 printable ASCII characters without spaces, braces, brackets, slashes, * or ?.", nameof(id));
        }
    }
}
