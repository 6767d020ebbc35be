using System.Text;
using Microsoft.ML.Tokenizers;

namespace Rapport.Context;

/// <summary>Accumulates sections of lines while they fit a token budget; a section with no line that fits is left out.</summary>
internal sealed class BudgetedText(Tokenizer tokenizer, int maxTokens)
{
    private readonly StringBuilder _text = new();
    private int _tokens;

    public bool Truncated { get; private set; }

    public void Section(string heading, IEnumerable<string> lines)
    {
        var headingTokens = tokenizer.CountTokens(heading) + 1;
        var started = false;
        foreach (var line in lines)
        {
            var lineTokens = tokenizer.CountTokens(line) + 1;
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

                _text.Append(heading).Append('\n');
                started = true;
            }

            _text.Append(line).Append('\n');
            _tokens += needed;
        }
    }

    public override string ToString() => _text.ToString().TrimEnd('\n');
}
