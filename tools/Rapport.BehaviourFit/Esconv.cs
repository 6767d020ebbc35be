using System.Text.Json;
using Rapport.Evaluation.Behaviour;

namespace Rapport.BehaviourFit;

/// <summary>ESConv supporter messages with their strategy mapped onto the behaviour codes; read in place, never copied.</summary>
/// <remarks>
/// Each supporter message is one pair with the seeker's last message (consecutive seeker messages joined). Mapping:
/// Question is an open question when a question sentence starts with a wh-word (in its first two words), else closed;
/// Restatement or Paraphrasing a simple reflection, Reflection of feelings a complex one, both a closed question
/// when they end with "?" (a reflective question is a closed question in MITI terms); Self-disclosure; Affirmation
/// and Reassurance an affirmation; Providing Suggestions and Information advice with permission when the seeker's
/// message asked for it (<see cref="PairLexicon"/>'s advice-request cues), else without; Others other.
/// </remarks>
internal static class Esconv
{
    /// <summary>Reads <paramref name="file"/> (train.jsonl, valid.jsonl or test.jsonl), keeping dialogs whose index modulo <paramref name="every"/> is 0.</summary>
    public static List<LabelledPair> Read(string file, int every)
    {
        var pairs = new List<LabelledPair>();
        var index = -1;
        foreach (var line in File.ReadLines(file))
        {
            index++;
            if (index % every != 0)
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var before = "";
            var lastSpeaker = "";
            var turn = 0;
            foreach (var message in document.RootElement.GetProperty("dialog").EnumerateArray())
            {
                var speaker = message.GetProperty("speaker").GetString() ?? "";
                var text = Detokenize.Text(message.GetProperty("text").GetString() ?? "").Trim();
                if (speaker == "sys")
                {
                    if (before.Length > 0 && text.Length > 0 && message.TryGetProperty("strategy", out var s) && Map(s.GetString(), before, text) is { } code)
                    {
                        pairs.Add(new LabelledPair($"esconv-{index}-{turn}", $"esconv-{index}", before, text, code));
                    }

                    turn++;
                }
                else
                {
                    before = lastSpeaker == speaker ? before + " " + text : text;
                }

                lastSpeaker = speaker;
            }
        }

        return pairs;
    }

    private static BehaviourCode? Map(string? strategy, string before, string text)
    {
        var question = text.TrimEnd().EndsWith('?');
        return strategy switch
        {
            "Question" => IsOpen(text) ? BehaviourCode.OpenQuestion : BehaviourCode.ClosedQuestion,
            "Restatement or Paraphrasing" => question ? BehaviourCode.ClosedQuestion : BehaviourCode.SimpleReflection,
            "Reflection of feelings" => question ? BehaviourCode.ClosedQuestion : BehaviourCode.ComplexReflection,
            "Self-disclosure" => BehaviourCode.SelfDisclosure,
            "Affirmation and Reassurance" => BehaviourCode.Affirmation,
            "Providing Suggestions" or "Information" => PairLexicon.AsksForAdvice().IsMatch(BehaviourClassifier.Normalized(before))
                ? BehaviourCode.AdviceWithPermission : BehaviourCode.AdviceWithoutPermission,
            "Others" => BehaviourCode.Other,
            _ => null,
        };
    }

    private static bool IsOpen(string text)
    {
        foreach (var sentence in BehaviourClassifier.Normalized(text).Split(['.', '!', '?'], StringSplitOptions.RemoveEmptyEntries))
        {
            var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Take(2).Any(w => PairLexicon.WhWords.Contains(w.Trim(',', '"'))))
            {
                return true;
            }
        }

        return false;
    }
}
