using Rapport.Redis.Internal;

namespace Rapport.Redis.Tests.Internal;

public sealed class RedisKeysTests
{
    private readonly RedisKeys _keys = new("p");

    [Theory]
    [InlineData("a")]
    [InlineData("a:b")]
    [InlineData("ana@x.org")]
    public void TryParseUser_VersionKey_ReturnsUser(string user)
    {
        Assert.True(_keys.TryParseUser((string)_keys.Version(user)!, out var parsed));
        Assert.Equal(user, parsed);
    }

    [Theory]
    [InlineData("p:{a}:i:x:v")]
    [InlineData("p:{a}:ids")]
    [InlineData("q:{a}:v")]
    [InlineData("p:{}:v")]
    public void TryParseUser_OtherKeyMatchingThePattern_IsNotAUser(string key) => Assert.False(_keys.TryParseUser(key, out _));

    [Fact]
    public void UserKeys_ShareTheUsersHashTag_RecordIdsCannotCloseIt()
    {
        var record = (string)_keys.Intervention("a", "b:c")!;

        Assert.Equal("p:{a}:iv:b:c", record);
        Assert.Equal("{a}", record[record.IndexOf('{')..(record.IndexOf('}') + 1)]);
    }
}
