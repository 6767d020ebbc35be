using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Rapport.Evaluation.Datasets;
using Rapport.Evaluation.Internal;

namespace Rapport.Evaluation.Targets;

/// <summary>A column of responses recorded earlier (transcripts that already exist), looked up by case id.</summary>
/// <remarks>
/// JSONL, one line per case: <c>{"id": "case-1", "response": "...", "tool_calls": [{"name": "...", "arguments": {...}}]}</c>.
/// A case with no recorded response fails with a clear error (the run records it). Immutable and thread-safe.
/// </remarks>
public sealed class RecordedResponsesTarget : IEvaluationTarget
{
    private readonly Dictionary<string, ChatResponse> _responses;

    private RecordedResponsesTarget(string description, string hash, Dictionary<string, ChatResponse> responses)
    {
        Description = description;
        ConfigurationHash = hash;
        _responses = responses;
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public string ConfigurationHash { get; }

    /// <summary>Gets how many responses were recorded.</summary>
    public int Count => _responses.Count;

    /// <summary>Reads recorded responses from the JSONL file at <paramref name="path"/>.</summary>
    /// <exception cref="EvaluationDatasetException">The file is missing or has bad lines.</exception>
    public static async Task<RecordedResponsesTarget> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new EvaluationDatasetException($"Recorded responses file '{path}' does not exist.");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(Encoding.UTF8.GetString(bytes), "recorded:" + Path.GetFileName(path), ContentHash.Of(bytes));
    }

    /// <summary>Parses recorded responses from JSONL <paramref name="text"/>.</summary>
    /// <exception cref="EvaluationDatasetException">A line is not a valid recorded response.</exception>
    public static RecordedResponsesTarget Parse(string text, string description, string? hash = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var responses = new Dictionary<string, ChatResponse>(StringComparer.Ordinal);
        var problems = new List<string>();
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var (id, response) = ParseLine(line);
                if (!responses.TryAdd(id, response))
                {
                    throw new FormatException($"id \"{id}\" is recorded twice");
                }
            }
            catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
            {
                problems.Add($"line {lineNumber}: {e.Message}");
            }
        }

        if (problems.Count > 0)
        {
            throw new EvaluationDatasetException(
                $"Recorded responses '{description}' have {problems.Count} bad line(s):{Environment.NewLine}  " +
                string.Join(Environment.NewLine + "  ", problems.Take(20)))
            {
                Problems = problems,
            };
        }

        return new RecordedResponsesTarget(description, hash ?? ContentHash.Of(Encoding.UTF8.GetBytes(text)), responses);
    }

    /// <inheritdoc/>
    public ValueTask<ChatResponse> RespondAsync(EvaluationCase evaluationCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluationCase);
        return _responses.TryGetValue(evaluationCase.Id, out var response)
            ? new(response)
            : throw new KeyNotFoundException($"No recorded response for case '{evaluationCase.Id}' in {Description}.");
    }

    private static (string Id, ChatResponse Response) ParseLine(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var id = JsonFields.RequiredId(root);
        var text = JsonFields.OptionalString(root, "response") ?? "";
        var contents = new List<AIContent>();
        if (text.Length > 0)
        {
            contents.Add(new TextContent(text));
        }

        if (root.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            var n = 0;
            foreach (var call in calls.EnumerateArray())
            {
                var name = JsonFields.OptionalString(call, "name") ?? throw new FormatException("a tool call needs \"name\"");
                var arguments = call.TryGetProperty("arguments", out var a) && a.ValueKind == JsonValueKind.Object
                    ? a.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone())
                    : [];
                contents.Add(new FunctionCallContent($"{id}-call-{n++}", name, arguments));
            }
        }
        else if (root.TryGetProperty("tool_calls", out var bad) && bad.ValueKind != JsonValueKind.Null)
        {
            throw new FormatException("\"tool_calls\" must be an array of {\"name\", \"arguments\"}");
        }

        return (id, new ChatResponse(new ChatMessage(ChatRole.Assistant, contents)));
    }
}
