using Microsoft.Data.Sqlite;
using Rapport.Cli.Commands;
using Rapport.Storage;

namespace Rapport.Cli.Tests.Security;

/// <summary>SQLite failures after the store opened become one line and exit 1, never a stack trace or an abort.</summary>
public sealed class StoreFailureTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Theory]
    [InlineData(8, "read-only")]
    [InlineData(11, "damaged")]
    [InlineData(26, "damaged")]
    [InlineData(13, "disk is full")]
    [InlineData(5, "busy")]
    public void Describe_SqliteError_BareOrWrapped_OneClearLineExitOne(int code, string expected)
    {
        var bare = new SqliteException($"SQLite Error {code}: 'x'.", code);
        var wrapped = new MemoryStoreException("store failed", new InvalidOperationException("inner", bare));

        foreach (var failure in (Exception[])[bare, wrapped])
        {
            var (message, exit) = CliFailures.Describe(failure);
            Assert.Equal(1, exit);
            Assert.Contains(expected, message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', message);
        }
    }

    [Fact]
    public async Task Recall_And_Remember_DamagedStore_OneLineExitOne()
    {
        Assert.Equal(0, (await _cli.RunAsync("remember", "--user", "ana", "--situation", "s", "--kind", "k", "--text", "t")).ExitCode);
        SqliteConnection.ClearAllPools();
        var path = Path.Combine(_cli.Home, "rapport.db");
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        Assert.True(bytes.Length > 8192, $"the store is {bytes.Length} bytes");
        // Keep the header and the first page (the schema), overwrite the rest: the tables' pages are damaged.
        new Random(7).NextBytes(bytes.AsSpan(4096));
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);

        foreach (var args in (string[][])[["recall", "--user", "ana", "--query", "s"], ["remember", "--user", "ana", "--situation", "s2", "--kind", "k", "--text", "t"], ["stats"]])
        {
            var result = await _cli.RunAsync(args);

            Assert.Equal(1, result.ExitCode);
            Assert.Single(result.Error.Trim().Split('\n'));
            Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
            Assert.Contains("damaged", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ErrorLine_InputWithTerminalEscapes_IsShownNeutralised()
    {
        var result = await _cli.RunAsync("recall", "--user", "ana\u001b]0;owned\u0007\u001b[2J", "--query", "x");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.Error);
        Assert.DoesNotContain('\u0007', result.Error);
        Assert.Contains("\\u001b]0;owned", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
