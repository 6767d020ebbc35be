using System.Security.Cryptography;
using System.Text;
using Rapport.Redis.Outbox;

namespace Rapport.Redis.Tests.Internal;

/// <summary>The outbox is named from where its entries go, so a write queued under a wrong password is replayed after the fix.</summary>
public sealed class OutboxFileTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("rapport-outbox-name-").FullName;

    [Fact]
    public void DefaultPath_IgnoresThePasswordAndOtherSettings_ButNotTheTarget()
    {
        var plain = OutboxFile.DefaultPath(_home, "127.0.0.1:6379", "rapport");

        Assert.Equal(plain, OutboxFile.DefaultPath(_home, "127.0.0.1:6379,password=wrong,connectTimeout=2000", "rapport"));
        Assert.Equal(OutboxFile.DefaultPath(_home, "a:1,b:2", "rapport"), OutboxFile.DefaultPath(_home, "b:2,a:1,password=x", "rapport"));
        Assert.NotEqual(plain, OutboxFile.DefaultPath(_home, "127.0.0.1:6380", "rapport"));
        Assert.NotEqual(plain, OutboxFile.DefaultPath(_home, "127.0.0.1:6379", "other"));
        Assert.NotEqual(plain, OutboxFile.DefaultPath(_home, "127.0.0.1:6379,defaultDatabase=2", "rapport"));
        Assert.DoesNotContain("wrong", Path.GetFileName(OutboxFile.DefaultPath(_home, "127.0.0.1:6379,password=wrong", "rapport")), StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultPath_MovesAnOutboxNamedTheOldWay_WithItsWal()
    {
        const string Configuration = "127.0.0.1:6379,password=secret";
        var old = Path.Combine(_home, $"redis-outbox-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Configuration + "|rapport")))[..12]}.db");
        File.WriteAllText(old, "queued");
        File.WriteAllText(old + "-wal", "wal");

        var path = OutboxFile.DefaultPath(_home, Configuration, "rapport");

        Assert.NotEqual(old, path);
        Assert.False(File.Exists(old));
        Assert.Equal("queued", File.ReadAllText(path));
        Assert.Equal("wal", File.ReadAllText(path + "-wal"));
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
