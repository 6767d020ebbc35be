using System.Text;

namespace Rapport.Context;

/// <summary>Accumulates sections of lines while they fit a token budget; a section with no line that fits is left out.</summary>
/// <remarks>A line costs its tokens plus one for its line break, a section's heading the same, and a blank line between
/// sections one more. <see cref="CountTokens"/> gives the exact count of the finished text.</remarks>
internal sealed class BudgetedText(TokenCounts counts, int maxTokens, bool splitsAtLineStarts = false)
{
    private readonly StringBuilder _text = new();

    // Where each piece of the text (a heading or a line with the line breaks after it) starts, for CountTokens.
    private readonly List<int> _pieceStarts = [];
    private int _tokens;

    public bool Truncated { get; private set; }

    public void Section(string heading, IEnumerable<string> lines)
    {
        var headingTokens = counts.Count(heading) + 1;
        var started = false;
        foreach (var line in lines)
        {
            var lineTokens = counts.Count(line) + 1;
            var needed = lineTokens + (started ? 0 : headingTokens + (_text.Length > 0 ? 1 : 0));
            if (_tokens + needed > maxTokens)
            {
                Truncated = true;
                continue;
            }

            if (!started)
            {
                if (_text.Length > 0)
                {
                    _text.Append('\n');
                }

                _pieceStarts.Add(_text.Length);
                _text.Append(heading).Append('\n');
                started = true;
            }

            _pieceStarts.Add(_text.Length);
            _text.Append(line).Append('\n');
            _tokens += needed;
        }
    }

    /// <summary>Counts the tokens of <see cref="ToString"/>: the sum of its pieces' counts (each known from earlier turns, mostly)
    /// when the tokenizer splits the text at the start of every line anyway, else the whole text.</summary>
    /// <remarks>cl100k_base's pre-tokenizer ends a piece after a run of line breaks when the next character is not whitespace
    /// (a run of breaks joins the punctuation before it or stands alone, and no pattern reaches across it into a letter, digit
    /// or punctuation), and it has no look-behind: there, the tokens of the whole are the sum of the tokens of each line with
    /// its following breaks, exactly. GPT-2's pre-tokenizer, for one, does not split that way, hence the flag.</remarks>
    public int CountTokens()
    {
        var text = ToString();
        if (!splitsAtLineStarts || _pieceStarts.Exists(s => s >= text.Length || char.IsWhiteSpace(text[s])))
        {
            return counts.Count(text);
        }

        var total = 0;
        var all = text.AsSpan();
        for (var i = 0; i < _pieceStarts.Count; i++)
        {
            var end = i + 1 < _pieceStarts.Count ? _pieceStarts[i + 1] : all.Length;
            total += counts.Count(all[_pieceStarts[i]..end]);
        }

        return total;
    }

    public override string ToString() => _text.ToString().TrimEnd('\n');
}
