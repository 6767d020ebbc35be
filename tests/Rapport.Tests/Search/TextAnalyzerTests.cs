using Rapport.Search.Internal;

namespace Rapport.Tests.Search;

public sealed class TextAnalyzerTests
{
    [Fact]
    public void Analyze_EnglishInflections_MeetOnOneStem()
    {
        var forms = new[] { "painting", "paints", "painted", "Painting!" }.Select(w => Assert.Single(TextAnalyzer.Analyze(w))).Distinct();

        Assert.Single(forms);
    }

    [Fact]
    public void Analyze_StopWordsCaseAndPossessives_AreNormalized()
    {
        Assert.Equal(TextAnalyzer.Analyze("caroline support group"), TextAnalyzer.Analyze("What is CAROLINE'S support group?"));
        Assert.Equal(TextAnalyzer.Analyze("caroline support group"), TextAnalyzer.Analyze("Caroline’s support-group"));
    }

    [Fact]
    public void Analyze_AccentsOnLatinLetters_Fold()
    {
        Assert.Equal(TextAnalyzer.Analyze("cafe resume"), TextAnalyzer.Analyze("Café RÉSUMÉ"));
    }

    [Fact]
    public void Analyze_CyrillicWords_AreKeptWholeAndLowerCased()
    {
        Assert.Equal(["я", "чувствую", "тревогу"], TextAnalyzer.Analyze("Я чувствую тревогу."));
    }

    [Fact]
    public void Analyze_Devanagari_KeepsVowelSigns()
    {
        Assert.Equal(["नमस्ते", "दुनिया"], TextAnalyzer.Analyze("नमस्ते दुनिया"));
    }

    [Fact]
    public void Analyze_ChineseWithoutSpaces_BecomesBigrams()
    {
        Assert.Equal(["我很", "很紧", "紧张"], TextAnalyzer.Analyze("我很紧张。"));
        Assert.Equal(["猫"], TextAnalyzer.Analyze("猫"));
    }

    [Fact]
    public void Analyze_FullWidthAndNumbers_AreNormalized()
    {
        Assert.Equal(TextAnalyzer.Analyze("exam 2023"), TextAnalyzer.Analyze("ＥＸＡＭ ２０２３"));
    }

    [Fact]
    public void Analyze_OnlyStopWordsOrPunctuation_GivesNothing()
    {
        Assert.Empty(TextAnalyzer.Analyze("What is it, and how?!"));
        Assert.Empty(TextAnalyzer.Analyze(null));
    }
}
