using Rapport.Evaluation.Retrieval;

namespace Rapport.Evaluation.Tests.Retrieval;

public sealed class EvidenceIdsTests
{
    [Theory]
    [InlineData("D1:3", new[] { "D1:3" }, false)]
    [InlineData("D8:6; D9:17", new[] { "D8:6", "D9:17" }, true)]
    [InlineData("D:11:26", new[] { "D11:26" }, true)]
    [InlineData("d01 : 02", new[] { "D1:2" }, true)]
    public void Parse_ReadableIds_AreCanonical(string raw, string[] expected, bool repaired)
    {
        var (ids, unreadable) = EvidenceIds.Parse(raw, out var wasRepaired);

        Assert.Equal(expected, ids);
        Assert.Equal(0, unreadable);
        Assert.Equal(repaired, wasRepaired);
    }

    [Theory]
    [InlineData("D")]
    [InlineData("D12")]
    [InlineData("")]
    public void Parse_UnreadableIds_AreCounted(string raw)
    {
        var (ids, unreadable) = EvidenceIds.Parse(raw, out _);

        Assert.Empty(ids);
        Assert.Equal(1, unreadable);
    }
}
