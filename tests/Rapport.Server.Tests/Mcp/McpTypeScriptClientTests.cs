using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;

namespace Rapport.Server.Tests.Mcp;

/// <summary>A client no one here wrote: the official MCP TypeScript SDK (<c>@modelcontextprotocol/sdk</c> from npm, pinned by the committed
/// lockfile) lists the tools and runs a whole turn against a real server on loopback. The packages are installed with <c>npm ci</c> into a
/// cache folder keyed by the lockfile (never into the repository); the test is skipped, saying why, when node or npm is missing or the
/// install fails (no registry).</summary>
public sealed class McpTypeScriptClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Source => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../Mcp/ts-client"));

    [Fact]
    public async Task TypeScriptSdkClient_ListsAnnotatedTools_AndRunsAWholeTurn()
    {
        if (!OnPath("node") || !OnPath("npm"))
        {
            Assert.Skip("node and npm are needed for the MCP TypeScript SDK client; install Node.js 18+ to run this test.");
        }

        var folder = await InstallAsync();
        await using var server = await ServerFixture.StartAsync();
        var (code, output, error) = await RunAsync("node", [Path.Combine(folder, "client.mjs")], folder,
            ("RAPPORT_URL", server.BaseAddress.ToString()), ("RAPPORT_KEY", server.AdminKey));
        Assert.True(code == 0, $"node client.mjs exited {code}: {error}");

        var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        var tools = result.GetProperty("tools").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(RapportToolsTests.Expected.Keys.Order(), tools.Keys.Order());
        foreach (var (name, (readOnly, destructive, idempotent)) in RapportToolsTests.Expected)
        {
            var a = tools[name].GetProperty("annotations");
            Assert.Equal((readOnly, destructive, idempotent, false),
                (a.GetProperty("readOnlyHint").GetBoolean(), a.GetProperty("destructiveHint").GetBoolean(), a.GetProperty("idempotentHint").GetBoolean(),
                 a.GetProperty("openWorldHint").GetBoolean()));
        }

        Assert.Equal("helped", result.GetProperty("outcome").GetString());
        Assert.Equal("ts-session", result.GetProperty("reflectionSession").GetString());
        var stats = result.GetProperty("stats");
        Assert.Equal((1L, 1L, 1L), (stats.GetProperty("interventions").GetInt64(), stats.GetProperty("helped").GetInt64(), stats.GetProperty("reflections").GetInt64()));
        var refused = result.GetProperty("refused");
        Assert.True(refused.GetProperty("isError").GetBoolean());
        Assert.StartsWith("Invalid outcome 'maybe': use", refused.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    // npm ci into <cache>/rapport-tests/mcp-ts-client-<lockfile hash>, once per lockfile; the script is copied in at every run.
    private static async Task<string> InstallAsync()
    {
        var lockfile = Path.Combine(Source, "package-lock.json");
        var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(lockfile, Ct)))[..12];
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var folder = Path.Combine(cache, "rapport-tests", "mcp-ts-client-" + hash);
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "package.json", "package-lock.json", "client.mjs" })
        {
            File.Copy(Path.Combine(Source, file), Path.Combine(folder, file), overwrite: true);
        }

        if (!File.Exists(Path.Combine(folder, "node_modules", "@modelcontextprotocol", "sdk", "package.json")))
        {
            var (code, _, error) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], folder);
            if (code != 0)
            {
                Assert.Skip($"npm ci of @modelcontextprotocol/sdk failed (exit {code}; no registry?): {error.Trim().Split('\n')[^1]}");
            }
        }

        return folder;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string file, string[] args, string folder, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, name)));
}
