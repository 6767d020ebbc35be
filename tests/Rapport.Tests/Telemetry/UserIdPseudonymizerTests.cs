using Rapport.Telemetry;

namespace Rapport.Tests.Telemetry;

public sealed class UserIdPseudonymizerTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("rapport-key-").FullName;

    [Fact]
    public void ForHome_TwoInstances_HashAlikeWithOwnerOnlyKey()
    {
        var first = UserIdPseudonymizer.ForHome(_home).Pseudonymize("ana@example.com");
        var second = UserIdPseudonymizer.ForHome(_home).Pseudonymize("ana@example.com");

        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{32}$", first);
        Assert.DoesNotContain("ana", first, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_home, UserIdPseudonymizer.KeyFileName)));
        }
    }

    [Fact]
    public void Pseudonymize_OtherKey_HashesDifferently()
    {
        var other = Directory.CreateTempSubdirectory("rapport-key-").FullName;

        Assert.NotEqual(UserIdPseudonymizer.ForHome(_home).Pseudonymize("ana"), UserIdPseudonymizer.ForHome(other).Pseudonymize("ana"));
        Directory.Delete(other, true);
    }

    [Fact]
    public void Constructor_ShortKey_ThrowsWithReason()
    {
        var error = Assert.Throws<ArgumentException>(() => new UserIdPseudonymizer(new byte[8]));
        Assert.Contains("at least 16", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_home, true);
}
