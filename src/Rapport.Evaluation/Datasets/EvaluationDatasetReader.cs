using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Rapport.Evaluation.Internal;
using Rapport.Evaluation.Scorers;

namespace Rapport.Evaluation.Datasets;

/// <summary>Reads an evaluation dataset from JSONL: one case per line, schema in docs/evaluation.md.</summary>
/// <remarks>
/// Fields: <c>id</c> (required, unique), <c>situation</c> (text) and/or <c>messages</c> (<c>[{"role","content"}]</c>),
/// <c>expected_tool</c> (a tool name, <c>{"name","required_arguments"}</c>, or <c>"none"</c>/<c>null</c> for no tool;
/// absent means tool usage is not judged), <c>reference</c> (text) and <c>tags</c> (strings). Blank lines are skipped.
/// Every problem is reported with its line number in one <see cref="EvaluationDatasetException"/>; nothing is
/// returned from a file with problems.
/// </remarks>
public static class EvaluationDatasetReader
{
    private static readonly HashSet<string> KnownFields = ["id", "situation", "messages", "transcript", "expected_tool", "reference", "tags"];

    /// <summary>Reads the dataset at <paramref name="path"/>; its name is the file name without extension.</summary>
    /// <exception cref="EvaluationDatasetException">The file is missing or has bad lines.</exception>
    public static async Task<EvaluationDataset> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new EvaluationDatasetException($"Dataset file '{path}' does not exist.");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(Encoding.UTF8.GetString(bytes), Path.GetFileNameWithoutExtension(path), ContentHash.Of(bytes));
    }

    /// <summary>Parses JSONL <paramref name="text"/> as a dataset named <paramref name="name"/>.</summary>
    /// <exception cref="EvaluationDatasetException">A line is not a valid case.</exception>
    public static EvaluationDataset Parse(string text, string name, string? contentHash = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cases = new List<EvaluationCase>();
        var problems = new List<string>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
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
                var item = ParseCase(line);
                if (ids.TryGetValue(item.Id, out var first))
                {
                    throw new FormatException($"id \"{item.Id}\" repeats the case on line {first}");
                }

                ids[item.Id] = lineNumber;
                cases.Add(item);
            }
            catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
            {
                problems.Add($"line {lineNumber}: {e.Message}");
            }
        }

        if (problems.Count > 0)
        {
            throw new EvaluationDatasetException(
                $"Dataset '{name}' has {problems.Count} bad line(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems.Take(20)))
            {
                Problems = problems,
            };
        }

        if (cases.Count == 0)
        {
            throw new EvaluationDatasetException($"Dataset '{name}' has no cases.");
        }

        return new EvaluationDataset(name, contentHash ?? ContentHash.Of(Encoding.UTF8.GetBytes(text)), cases);
    }

    private static EvaluationCase ParseCase(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("expected a JSON object");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name))
            {
                throw new FormatException($"unknown field \"{property.Name}\" (accepted: {string.Join(", ", KnownFields)})");
            }
        }

        var id = JsonFields.RequiredId(root);
        var situation = JsonFields.OptionalString(root, "situation");
        var messages = root.TryGetProperty("messages", out var m) ? ParseMessages(m) : [];
        var transcript = root.TryGetProperty("transcript", out var t) ? ParseMessages(t, "transcript") : [];
        if (transcript.Count > 0 && (messages.Count > 0 || situation is not null))
        {
            throw new FormatException("\"transcript\" is a whole conversation: give it without \"situation\" or \"messages\"");
        }

        if (transcript.Count > 0 && !transcript.Any(x => x.Role == ChatRole.Assistant))
        {
            throw new FormatException("\"transcript\" needs at least one assistant turn to score");
        }

        if (string.IsNullOrWhiteSpace(situation) && messages.Count == 0 && transcript.Count == 0)
        {
            throw new FormatException("needs \"situation\" (text), \"messages\" ([{\"role\": \"user\", \"content\": \"...\"}]) or \"transcript\" (a whole conversation)");
        }

        return new EvaluationCase
        {
            Id = id,
            Situation = situation,
            Messages = messages,
            Transcript = transcript,
            ExpectedTool = root.TryGetProperty("expected_tool", out var tool) ? ParseExpectedTool(tool) : null,
            Reference = JsonFields.OptionalString(root, "reference"),
            Tags = JsonFields.StringArray(root, "tags"),
        };
    }

    private static List<ChatMessage> ParseMessages(JsonElement element, string field = "messages")
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"\"{field}\" must be an array of {{\"role\", \"content\"}}");
        }

        var messages = new List<ChatMessage>();
        foreach (var item in element.EnumerateArray())
        {
            var role = JsonFields.OptionalString(item, "role") ?? throw new FormatException("a message needs \"role\"");
            var content = JsonFields.OptionalString(item, "content") ?? throw new FormatException("a message needs \"content\"");
            var chatRole = role switch
            {
                "user" => ChatRole.User,
                "assistant" => ChatRole.Assistant,
                "system" => ChatRole.System,
                _ => throw new FormatException($"role \"{role}\" is not one of user, assistant, system"),
            };
            messages.Add(new ChatMessage(chatRole, content));
        }

        return messages;
    }

    private static ExpectedToolContext ParseExpectedTool(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => ExpectedToolContext.None,
        JsonValueKind.String when element.GetString() is null or "" or "none" => ExpectedToolContext.None,
        JsonValueKind.String => new ExpectedToolContext(element.GetString()),
        JsonValueKind.Object => new ExpectedToolContext(
            JsonFields.OptionalString(element, "name") ?? throw new FormatException("\"expected_tool\" object needs \"name\""),
            JsonFields.StringArray(element, "required_arguments")),
        _ => throw new FormatException("\"expected_tool\" must be a tool name, {\"name\", \"required_arguments\"}, \"none\" or null"),
    };
}
