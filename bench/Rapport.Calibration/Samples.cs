using System.Globalization;
using System.Text.Json;

namespace Rapport.Calibration;

/// <summary>Reads labelled supporter text out of the shared datasets: (text, label) pairs, never copied anywhere.</summary>
internal static class Samples
{
    /// <summary>ESConv / MultiESC JSONL: each dialog's supporter turns, with the dialog's seeker empathy rating.</summary>
    public static IEnumerable<(List<string> Turns, int? Empathy)> EsconvDialogs(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            int? empathy = root.TryGetProperty("survey_score", out var survey) && survey.TryGetProperty("seeker", out var seeker)
                && seeker.TryGetProperty("empathy", out var e) && int.TryParse(e.GetString(), CultureInfo.InvariantCulture, out var v) ? v : null;
            // A response is everything the supporter says before the seeker speaks again.
            var turns = new List<string>();
            var previous = "";
            foreach (var turn in root.GetProperty("dialog").EnumerateArray())
            {
                var speaker = turn.GetProperty("speaker").GetString() ?? "";
                var text = Detokenize.Text(turn.GetProperty("text").GetString() ?? "");
                if (speaker == "sys")
                {
                    if (previous == "sys")
                    {
                        turns[^1] += " " + text;
                    }
                    else
                    {
                        turns.Add(text);
                    }
                }

                previous = speaker;
            }

            yield return (turns, empathy);
        }
    }

    /// <summary>MultiESC JSONL: the supporter turns just before each seeker turn that carries a feedback rating.</summary>
    public static IEnumerable<(string Text, int Feedback)> MultiEscFeedback(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            using var doc = JsonDocument.Parse(line);
            var block = new List<string>();
            foreach (var turn in doc.RootElement.GetProperty("dialog").EnumerateArray())
            {
                if (turn.GetProperty("speaker").GetString() == "sys")
                {
                    block.Add(Detokenize.Text(turn.GetProperty("text").GetString() ?? ""));
                    continue;
                }

                if (turn.TryGetProperty("feedback", out var f) && f.ValueKind == JsonValueKind.String && block.Count > 0
                    && int.TryParse(f.GetString(), CultureInfo.InvariantCulture, out var rating))
                {
                    yield return (string.Join(" ", block), rating);
                }

                block.Clear();
            }
        }
    }

    /// <summary>FailedESConv: per dialog its listener turns, and the listener blocks before each seeker feedback.</summary>
    public static (List<List<string>> Dialogs, List<(string Text, int Feedback)> Feedback) FailedEsconv(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var dialogs = new List<List<string>>();
        var feedback = new List<(string, int)>();
        foreach (var dialog in doc.RootElement.EnumerateArray())
        {
            var turns = new List<string>();
            var block = new List<string>();
            foreach (var turn in dialog.GetProperty("dialog").EnumerateArray())
            {
                var text = turn.GetProperty("content").GetString()?.Trim() ?? "";
                if (turn.GetProperty("speaker").GetString() == "listener")
                {
                    // A response is everything the listener says before the seeker speaks again.
                    if (block.Count > 0)
                    {
                        turns[^1] += " " + text;
                    }
                    else
                    {
                        turns.Add(text);
                    }

                    block.Add(text);
                    continue;
                }

                if (turn.GetProperty("annotation").TryGetProperty("feedback", out var f) && block.Count > 0
                    && int.TryParse(f.GetString(), CultureInfo.InvariantCulture, out var rating))
                {
                    feedback.Add((string.Join(" ", block), rating));
                }

                block.Clear();
            }

            dialogs.Add(turns);
        }

        return (dialogs, feedback);
    }

    /// <summary>CounselChat: answers grouped by question, with upvotes.</summary>
    public static List<List<(string Text, int Upvotes)>> CounselChat(string path)
    {
        var rows = CsvReader.Read(path).ToList();
        var header = rows[0];
        int question = header.IndexOf("questionID"), answer = header.IndexOf("answerText"), upvotes = header.IndexOf("upvotes");
        return rows.Skip(1)
            .Where(r => r.Count > Math.Max(answer, upvotes))
            .Select(r => (Q: r[question], Text: r[answer], Up: int.TryParse(r[upvotes], CultureInfo.InvariantCulture, out var u) ? u : 0))
            .GroupBy(r => r.Q)
            .Select(g => g.Select(r => (r.Text, r.Up)).ToList())
            .Where(g => g.Count > 1)
            .ToList();
    }
}
