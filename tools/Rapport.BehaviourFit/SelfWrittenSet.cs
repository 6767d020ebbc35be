using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rapport.Evaluation.Behaviour;

namespace Rapport.BehaviourFit;

/// <summary>Reads and splits the self-written set in data/counselling-behaviour (schema in its README).</summary>
/// <remarks>
/// The split is by scenario: the first 8 bytes of SHA-256 of the scenario id, as a big-endian number modulo 100,
/// give train below 70, validation below 85, test otherwise. A scenario's split never depends on any other line,
/// so lines added later never move an existing scenario to another split.
/// </remarks>
internal static class SelfWrittenSet
{
    public static readonly string[] Splits = ["train", "valid", "test"];

    private static readonly HashSet<string> Fields = ["id", "scenario", "topic", "previous", "turn", "code", "form"];

    /// <summary>Returns the split of <paramref name="scenario"/>.</summary>
    public static string SplitOf(string scenario)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(scenario));
        var bucket = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash) % 100;
        return bucket < 70 ? "train" : bucket < 85 ? "valid" : "test";
    }

    /// <summary>Reads every raw file (in name order) and writes train/valid/test.jsonl next to raw/; returns a summary.</summary>
    public static string Split(string folder)
    {
        var raw = Path.Combine(folder, "raw");
        var files = Directory.GetFiles(raw, "*.jsonl").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new InvalidDataException($"No *.jsonl files in '{raw}'.");
        }

        var lines = Splits.ToDictionary(s => s, _ => new StringBuilder());
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var file in files)
        {
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                try
                {
                    var pair = Parse(line);
                    if (!ids.Add(pair.Id))
                    {
                        throw new FormatException($"id \"{pair.Id}\" repeats");
                    }

                    lines[SplitOf(pair.Group)].Append(line.TrimEnd()).Append('\n');
                }
                catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    problems.Add($"{Path.GetFileName(file)} line {number}: {e.Message}");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{problems.Count} bad line(s), nothing written:\n  " + string.Join("\n  ", problems.Take(20)));
        }

        foreach (var split in Splits)
        {
            var path = Path.Combine(folder, split + ".jsonl");
            File.WriteAllText(path + ".tmp", lines[split].ToString(), new UTF8Encoding(false));
            File.Move(path + ".tmp", path, overwrite: true);
        }

        return string.Join(", ", Splits.Select(s => $"{s} {lines[s].ToString().Count(c => c == '\n')}")) + $" lines from {files.Count} files";
    }

    /// <summary>Reads one split file written by <see cref="Split"/>.</summary>
    public static List<LabelledPair> Read(string folder, string split) =>
        [.. File.ReadLines(Path.Combine(folder, split + ".jsonl")).Where(l => !string.IsNullOrWhiteSpace(l)).Select(Parse)];

    private static LabelledPair Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        foreach (var property in root.EnumerateObject())
        {
            if (!Fields.Contains(property.Name))
            {
                throw new FormatException($"unknown field \"{property.Name}\" (accepted: {string.Join(", ", Fields)})");
            }
        }

        string Text(string name) => root.GetProperty(name).GetString() is { Length: > 0 } s ? s : throw new FormatException($"\"{name}\" is empty");
        var code = Text("code");
        if (!BehaviourCodes.TryParse(code, out var parsed))
        {
            throw new FormatException($"code \"{code}\" is not one of {string.Join(", ", BehaviourCodes.All.Select(BehaviourCodes.Name))}");
        }

        var form = root.TryGetProperty("form", out var f) ? f.GetString() : null;
        return new LabelledPair(Text("id"), Text("scenario"), Text("previous"), Text("turn"), parsed, form);
    }
}
