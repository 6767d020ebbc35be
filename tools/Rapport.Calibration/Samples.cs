using System.Globalization;
using System.Text.Json;

namespace Rapport.Calibration;

/// <summary>A supporter turn (everything said before the seeker speaks again) and what the seeker said just before it.</summary>
internal sealed record Turn(string Text, string Before);

/// <summary>An ESConv-style dialog: its supporter turns and the seeker's empathy rating when there is one.</summary>
internal sealed record Dialog(int Index, List<Turn> Turns, int? Empathy);

/// <summary>A supporter turn followed by a seeker feedback rating, with the dialog it belongs to.</summary>
internal sealed record FeedbackTurn(int Dialog, Turn Turn, int Feedback);

/// <summary>CounselChat answers to one question (its title and text), with their upvotes.</summary>
internal sealed record Question(int Id, string Text, List<(string Text, int Upvotes)> Answers);

/// <summary>Reads labelled supporter text out of the shared datasets: (text, label) pairs, never copied anywhere.</summary>
internal static class Samples
{
    /// <summary>ESConv / MultiESC JSONL: each dialog's supporter turns, with the dialog's seeker empathy rating.</summary>
    public static List<Dialog> EsconvDialogs(string path)
    {
        var dialogs = new List<Dialog>();
        foreach (var line in File.ReadLines(path))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            int? empathy = root.TryGetProperty("survey_score", out var survey) && survey.TryGetProperty("seeker", out var seeker)
                && seeker.TryGetProperty("empathy", out var e) && int.TryParse(e.GetString(), CultureInfo.InvariantCulture, out var v) ? v : null;
            var turns = new List<Turn>();
            var previous = "";
            var before = "";
            foreach (var turn in root.GetProperty("dialog").EnumerateArray())
            {
                var speaker = turn.GetProperty("speaker").GetString() ?? "";
                var text = Detokenize.Text(turn.GetProperty("text").GetString() ?? "");
                if (speaker == "sys")
                {
                    if (previous == "sys")
                    {
                        turns[^1] = turns[^1] with { Text = turns[^1].Text + " " + text };
                    }
                    else
                    {
                        turns.Add(new Turn(text, before));
                    }
                }
                else
                {
                    before = previous == speaker ? before + " " + text : text;
                }

                previous = speaker;
            }

            dialogs.Add(new Dialog(dialogs.Count, turns, empathy));
        }

        return dialogs;
    }

    /// <summary>MultiESC JSONL: the supporter turns just before each seeker turn that carries a feedback rating.</summary>
    public static List<FeedbackTurn> MultiEscFeedback(string path)
    {
        var result = new List<FeedbackTurn>();
        var index = 0;
        foreach (var line in File.ReadLines(path))
        {
            using var doc = JsonDocument.Parse(line);
            var block = new List<string>();
            var before = "";
            var previous = "";
            foreach (var turn in doc.RootElement.GetProperty("dialog").EnumerateArray())
            {
                var text = Detokenize.Text(turn.GetProperty("text").GetString() ?? "");
                var speaker = turn.GetProperty("speaker").GetString() ?? "";
                if (speaker == "sys")
                {
                    block.Add(text);
                    previous = speaker;
                    continue;
                }

                if (turn.TryGetProperty("feedback", out var f) && f.ValueKind == JsonValueKind.String && block.Count > 0
                    && int.TryParse(f.GetString(), CultureInfo.InvariantCulture, out var rating))
                {
                    result.Add(new FeedbackTurn(index, new Turn(string.Join(" ", block), before), rating));
                }

                block.Clear();
                before = previous == speaker ? before + " " + text : text;
                previous = speaker;
            }

            index++;
        }

        return result;
    }

    /// <summary>FailedESConv: per dialog its listener turns, and the listener blocks before each seeker feedback.</summary>
    public static (List<Dialog> Dialogs, List<FeedbackTurn> Feedback) FailedEsconv(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var dialogs = new List<Dialog>();
        var feedback = new List<FeedbackTurn>();
        foreach (var dialog in doc.RootElement.EnumerateArray())
        {
            var turns = new List<Turn>();
            var block = new List<string>();
            var before = "";
            var previous = "";
            foreach (var turn in dialog.GetProperty("dialog").EnumerateArray())
            {
                var text = turn.GetProperty("content").GetString()?.Trim() ?? "";
                var speaker = turn.GetProperty("speaker").GetString() ?? "";
                if (speaker == "listener")
                {
                    // A response is everything the listener says before the seeker speaks again.
                    if (block.Count > 0)
                    {
                        turns[^1] = turns[^1] with { Text = turns[^1].Text + " " + text };
                    }
                    else
                    {
                        turns.Add(new Turn(text, before));
                    }

                    block.Add(text);
                    previous = speaker;
                    continue;
                }

                if (turn.GetProperty("annotation").TryGetProperty("feedback", out var f) && block.Count > 0
                    && int.TryParse(f.GetString(), CultureInfo.InvariantCulture, out var rating))
                {
                    feedback.Add(new FeedbackTurn(dialogs.Count, new Turn(string.Join(" ", block), before), rating));
                }

                block.Clear();
                before = previous == speaker ? before + " " + text : text;
                previous = speaker;
            }

            dialogs.Add(new Dialog(dialogs.Count, turns, null));
        }

        return (dialogs, feedback);
    }

    /// <summary>CounselChat: answers grouped by question (only questions with two or more answers), with upvotes.</summary>
    public static List<Question> CounselChat(string path)
    {
        var rows = CsvReader.Read(path).ToList();
        var header = rows[0];
        int question = header.IndexOf("questionID"), title = header.IndexOf("questionTitle"), body = header.IndexOf("questionText");
        int answer = header.IndexOf("answerText"), upvotes = header.IndexOf("upvotes");
        return rows.Skip(1)
            .Where(r => r.Count > Math.Max(answer, upvotes))
            .Select(r => (Q: int.Parse(r[question], CultureInfo.InvariantCulture), Asked: r[title] + " " + r[body], Text: r[answer],
                Up: int.TryParse(r[upvotes], CultureInfo.InvariantCulture, out var u) ? u : 0))
            .GroupBy(r => r.Q)
            .Select(g => new Question(g.Key, g.First().Asked, g.Select(r => (r.Text, r.Up)).ToList()))
            .Where(q => q.Answers.Count > 1)
            .ToList();
    }
}
