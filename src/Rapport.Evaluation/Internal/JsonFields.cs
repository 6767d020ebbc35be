using System.Text.Json;

namespace Rapport.Evaluation.Internal;

/// <summary>Reads typed fields of JSONL records with messages that say what was wrong.</summary>
internal static class JsonFields
{
    public static string RequiredId(JsonElement root)
    {
        if (!root.TryGetProperty("id", out var id))
        {
            throw new FormatException("\"id\" is missing");
        }

        var text = id.ValueKind switch
        {
            JsonValueKind.String => id.GetString(),
            JsonValueKind.Number => id.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? throw new FormatException("\"id\" must be a non-empty string") : text;
    }

    public static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new FormatException($"\"{name}\" must be a string");
    }

    public static IReadOnlyList<string> StringArray(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            throw new FormatException($"\"{name}\" must be an array of strings");
        }

        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }
}
