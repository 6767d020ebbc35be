using System.Globalization;
using System.Text.Json;

namespace Rapport.Evaluation.Retrieval;

/// <summary>Reads LoCoMo-format files (docs/retrieval.md describes the format).</summary>
/// <remarks>
/// The file is a JSON array of conversations (a single conversation object is accepted too). Each has
/// <c>conversation</c> with <c>session_N</c> arrays of turns (<c>speaker</c>, <c>dia_id</c>, <c>text</c>, optional
/// <c>blip_caption</c>) and <c>session_N_date_time</c> strings, and <c>qa</c> with <c>question</c>,
/// <c>evidence</c> (turn ids) and <c>category</c>. Other fields are ignored. Structural errors throw a
/// <see cref="FormatException"/> that names the place; malformed evidence ids are repaired or skipped and counted.
/// </remarks>
public static class LocomoReader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file is not LoCoMo-format JSON.</exception>
    public static async Task<LocomoDataset> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No dataset file at '{path}'.", path);
        }

        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a dataset from <paramref name="utf8Json"/>.</summary>
    /// <exception cref="FormatException">The content is not LoCoMo-format JSON.</exception>
    public static async Task<LocomoDataset> ReadAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(utf8Json, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The dataset is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            var items = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                JsonValueKind.Object => [root],
                _ => throw new FormatException("The dataset must be a JSON array of conversations (or one conversation object)."),
            };
            var counts = new EvidenceCounts();
            var conversations = new List<LocomoConversation>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                conversations.Add(ReadConversation(items[i], i, counts));
            }

            return new LocomoDataset(conversations, counts.Normalized, counts.Skipped);
        }
    }

    private static LocomoConversation ReadConversation(JsonElement item, int index, EvidenceCounts counts)
    {
        var where = $"conversation {index + 1}";
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{where} is not a JSON object.");
        }

        var id = item.TryGetProperty("sample_id", out var sample) && sample.ValueKind == JsonValueKind.String
            ? sample.GetString()!
            : $"conversation-{index + 1}";
        where = $"conversation '{id}'";
        if (!item.TryGetProperty("conversation", out var body) || body.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{where} has no \"conversation\" object with session_N arrays.");
        }

        var turns = ReadTurns(body, where);
        var known = turns.Select(t => t.DialogId).ToHashSet(StringComparer.Ordinal);
        var questions = new List<LocomoQuestion>();
        if (item.TryGetProperty("qa", out var qa) && qa.ValueKind == JsonValueKind.Array)
        {
            foreach (var question in qa.EnumerateArray())
            {
                questions.Add(ReadQuestion(question, known, where, counts));
            }
        }

        return new LocomoConversation(id, turns, questions);
    }

    private static List<LocomoTurn> ReadTurns(JsonElement body, string where)
    {
        var sessions = new List<(int Number, JsonElement Turns)>();
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name.StartsWith("session_", StringComparison.Ordinal)
                && int.TryParse(property.Name.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                && property.Value.ValueKind == JsonValueKind.Array)
            {
                sessions.Add((number, property.Value));
            }
        }

        var turns = new List<LocomoTurn>();
        foreach (var (number, items) in sessions.OrderBy(s => s.Number))
        {
            var date = body.TryGetProperty($"session_{number}_date_time", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "";
            var position = 0;
            foreach (var turn in items.EnumerateArray())
            {
                position++;
                var speaker = Text(turn, "speaker");
                var text = Text(turn, "text");
                if (speaker is null || text is null)
                {
                    throw new FormatException($"{where}, session_{number} turn {position}: a turn needs \"speaker\" and \"text\" strings.");
                }

                var dialogId = Text(turn, "dia_id") is { } raw && EvidenceIds.Parse(raw, out _).Ids is [var canonical]
                    ? canonical
                    : string.Create(CultureInfo.InvariantCulture, $"D{number}:{position}");
                turns.Add(new LocomoTurn(dialogId, number, date, speaker, text, Text(turn, "blip_caption")));
            }
        }

        return turns;
    }

    private static LocomoQuestion ReadQuestion(JsonElement question, HashSet<string> known, string where, EvidenceCounts counts)
    {
        var text = Text(question, "question")
            ?? throw new FormatException($"{where}: every item of \"qa\" needs a \"question\" string.");
        var category = question.TryGetProperty("category", out var c) && c.TryGetInt32(out var value) ? value : 0;
        var evidence = new List<string>();
        var skipped = 0;
        if (question.TryGetProperty("evidence", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                var (ids, unreadable) = EvidenceIds.Parse(item.ValueKind == JsonValueKind.String ? item.GetString() : null, out var repaired);
                var unknown = ids.Count(id => !known.Contains(id));
                skipped += unreadable + unknown;
                if (repaired && unreadable + unknown < ids.Count + unreadable)
                {
                    counts.Normalized++;
                }

                evidence.AddRange(ids.Where(known.Contains).Where(id => !evidence.Contains(id)));
            }
        }

        counts.Skipped += skipped;
        return new LocomoQuestion(text, category, evidence, skipped);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed class EvidenceCounts
    {
        public int Normalized { get; set; }

        public int Skipped { get; set; }
    }
}
