using Rapport.Context;

namespace Rapport.Tests.Context;

public sealed class BudgetedTextTests
{
    // Lines ending in letters, digits, punctuation, quotes, an ellipsis, spaces, line breaks of their own; non-ASCII; a line
    // starting with a space and an empty line (both make the count fall back to the whole text).
    private static readonly string[][] Sections =
    [
        ["- breathing on 2026-01-05 when they said \"I can't sleep before the exam\"", "- walk on 2026-01-06 when they said \"my boss yelled…\" (rated 4/5)"],
        ["- reframe on 2026-01-07 when they said \"nothing works!!\"", "- check-in 42", "- tea ☕ and a rest   "],
        ["- outcomes so far: breathing helped 2 of 3, walk helped 0 of 1", "- likes: short answers\n"],
        ["- they feel better after moving", "-'s odd line", "- ends with a colon:", "- ends with digits 123456"],
    ];

    [Fact]
    public void CountTokens_Cl100kLines_EqualsCountOfTheWholeText()
    {
        var tokenizer = ContextTokenizer.Default;
        for (var budget = 20; budget <= 400; budget += 20)
        {
            var text = new BudgetedText(new TokenCounts(tokenizer), budget, splitsAtLineStarts: true);
            for (var s = 0; s < Sections.Length; s++)
            {
                text.Section($"Heading {s}:", Sections[s]);
            }

            Assert.Equal(tokenizer.CountTokens(text.ToString()), text.CountTokens());
        }
    }

    [Theory]
    [InlineData(" - starts with a space")]
    [InlineData("")]
    public void CountTokens_LineStartingWithWhitespace_CountsTheWholeText(string odd)
    {
        var tokenizer = ContextTokenizer.Default;
        var text = new BudgetedText(new TokenCounts(tokenizer), 300, splitsAtLineStarts: true);
        text.Section("Heading:", ["- first", odd, "- last."]);

        Assert.Equal(tokenizer.CountTokens(text.ToString()), text.CountTokens());
    }

    [Fact]
    public void Count_SameTextTwice_SameCount()
    {
        var counts = new TokenCounts(ContextTokenizer.Default);

        var first = counts.Count("- breathing on 2026-01-05 when they said \"hello\"");
        var second = counts.Count("- breathing on 2026-01-05 when they said \"hello\"");

        Assert.Equal(ContextTokenizer.Default.CountTokens("- breathing on 2026-01-05 when they said \"hello\""), first);
        Assert.Equal(first, second);
        Assert.Equal(0, counts.Count(""));
    }
}
