using Rapport.Telemetry;

namespace Rapport.Cli.Tests.Security;

/// <summary>The telemetry key is written atomically, and a damaged one is reported with its fix.</summary>
public sealed class TelemetryKeyTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public async Task Command_DamagedKey_NamesTheKeyAndTheFix_ExitOne(int length)
    {
        await File.WriteAllBytesAsync(Path.Combine(_cli.Home, UserIdPseudonymizer.KeyFileName), new byte[length], TestContext.Current.CancellationToken);

        var result = await _cli.RunAsync("remember", "--user", "ana", "--situation", "s", "--kind", "k", "--text", "t");

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.Contains("telemetry key", result.Error, StringComparison.Ordinal);
        Assert.Contains("is damaged", result.Error, StringComparison.Ordinal);
        Assert.Contains("Delete that file", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("store", result.Error.Split("telemetry key")[0], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ForHome_ConcurrentFirstStarts_OneFullKey_NoTemporaryFilesLeft()
    {
        var hashes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => UserIdPseudonymizer.ForHome(_cli.Home).Pseudonymize("ana"))));

        Assert.Single(hashes.Distinct());
        Assert.Equal(32, new FileInfo(Path.Combine(_cli.Home, UserIdPseudonymizer.KeyFileName)).Length);
        Assert.Equal([UserIdPseudonymizer.KeyFileName], Directory.GetFiles(_cli.Home).Select(Path.GetFileName));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_cli.Home, UserIdPseudonymizer.KeyFileName)));
        }
    }

    public void Dispose() => _cli.Dispose();
}
