using Rapport.Memory;

namespace Rapport.Tests.Memory;

public sealed class MemoryIdsTests
{
    [Theory]
    [InlineData("ana")]
    [InlineData("a:b")]
    [InlineData("ana.b@example-1_x")]
    public void ValidateUserId_AcceptedAlphabet_ReturnsId(string id) => Assert.Equal(id, MemoryIds.ValidateUserId(id));

    [Theory]
    [InlineData("a*")]
    [InlineData("{x}")]
    [InlineData("a b")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("anä")]
    [InlineData("a/b")]
    public void ValidateUserId_OutsideAlphabet_SaysWhatIsAccepted(string? id)
    {
        var error = Assert.Throws<ArgumentException>(() => MemoryIds.ValidateUserId(id));

        Assert.Contains(MemoryIds.Accepted, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateUserId_129Characters_IsRejected()
    {
        Assert.Equal(128, MemoryIds.ValidateUserId(new string('a', 128)).Length);
        Assert.Throws<ArgumentException>(() => MemoryIds.ValidateUserId(new string('a', 129)));
    }
}
