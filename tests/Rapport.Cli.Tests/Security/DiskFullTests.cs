using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Rapport.Cli.Tests.Fixtures;
using Rapport.Storage.Conformance;

namespace Rapport.Cli.Tests.Security;

/// <summary>The real CLI on a full disk: its data folder is a small tmpfs (mounted in a private mount namespace, so it needs no
/// root outside it), filled by remembering until a write fails. The failed write says so in one line with exit 1 and leaves
/// nothing behind; every acknowledged write is kept once; reads still work; writes work again once space is freed (issue 16,
/// finding 3 and the fault-injection suite). A disk made read-only is refused in one line too.</summary>
public sealed partial class DiskFullTests : IDisposable
{
    private const int MaxWrites = 30;
    private readonly string _work = Directory.CreateTempSubdirectory("rapport-disk-full-").FullName;

    // Fills the tmpfs at $H with remembers until one fails, reads, copies what is on the full disk to $O/full, frees space
    // (remount bigger) and writes once more, then makes the disk read-only and writes again. Each command's exit code, output and error go to files under $O.
    private const string Script = """
        set -u
        mount -t tmpfs -o size="$SIZE" tmpfs "$H" || exit 97
        run() { name=$1; shift; dotnet "$CLI" "$@" >"$O/$name.out" 2>"$O/$name.err"; echo $? >"$O/$name.rc"; }
        for i in $(seq 1 "$MAX"); do
          run "w$i" remember --user full-disk-user --situation "s$i $BIG" --kind k --text "t$i $BIG"
          [ "$(cat "$O/w$i.rc")" = 0 ] || break
        done
        run recall recall --user full-disk-user --query s1 --json
        mkdir -p "$O/full" && cp -a "$H/." "$O/full/"
        mount -o remount,size=8m tmpfs "$H" || exit 98
        run after remember --user full-disk-user --situation after --kind k --text after
        mount -o remount,ro tmpfs "$H" || exit 99
        run readonly remember --user full-disk-user --situation read-only --kind k --text read-only
        """;

    [Fact]
    public async Task DiskFull_DuringRemember_OneLineExitOne_NothingLostOrPartial_WritesResumeAfterSpaceIsFreed()
    {
        if (await PrivateTmpfsMissingAsync() is { } reason)
        {
            Assert.Skip(reason);
        }

        var home = Directory.CreateDirectory(Path.Combine(_work, "home")).FullName;
        var output = Directory.CreateDirectory(Path.Combine(_work, "out")).FullName;
        var big = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5_800));
        var run = await RunAsync(Script, new()
        {
            ["H"] = home, ["O"] = output, ["SIZE"] = "320k", ["MAX"] = MaxWrites.ToString(), ["BIG"] = big,
            ["CLI"] = Path.Combine(AppContext.BaseDirectory, "Rapport.Cli.dll"), ["RAPPORT_HOME"] = home,
        });
        Assert.True(run.ExitCode == 0, $"the script failed ({run.ExitCode}): {run.Error}");

        var writes = Enumerable.Range(1, MaxWrites).TakeWhile(i => File.Exists(Path.Combine(output, $"w{i}.rc")))
            .Select(i => Read(output, $"w{i}")).ToList();
        var refused = writes[^1];
        Assert.True(refused.ExitCode != 0, $"{writes.Count} writes of ~12 KB all fit on a 320 KiB disk");
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("", refused.Output);
        Assert.Single(refused.Error.Trim().Split('\n'));
        Assert.Contains("disk is full", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);
        Assert.True(writes.Count > 1, $"the first write already failed: {refused.Error}");
        var acknowledged = writes[..^1].Select(w => Assert.Single(IdLine().Matches(w.Output)).Value).ToList();
        Assert.All(writes[..^1], w => Assert.Equal(0, w.ExitCode));

        var (ids, integrity) = await StoreFile.ReadAsync(Path.Combine(output, "full", "rapport.db"));
        var lost = acknowledged.Count(a => !ids.Contains(a));
        var duplicates = ids.Count - ids.Distinct().Count();
        var partial = ids.Count - acknowledged.Count;
        var recall = Read(output, "recall");
        var after = Read(output, "after");
        var readOnly = Read(output, "readonly");
        FaultFigures.Report(
            $"SQLite on a full disk (320 KiB tmpfs): {writes.Count} writes, {acknowledged.Count} acknowledged, 1 refused (exit {refused.ExitCode}, " +
            $"'disk is full', one line), lost {lost}, duplicates {duplicates}, partial {partial}, integrity {integrity}; recall on the full disk exit {recall.ExitCode}; " +
            $"write after freeing space exit {after.ExitCode}; write on the disk made read-only exit {readOnly.ExitCode}");
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicates);
        Assert.Equal(0, partial);
        Assert.Equal("ok", integrity);
        Assert.True(recall.ExitCode == 0, recall.Error);
        Assert.NotEmpty(System.Text.Json.JsonDocument.Parse(recall.Output).RootElement.EnumerateArray());
        Assert.True(after.ExitCode == 0, after.Error);
        Assert.Matches(IdLine(), after.Output);
        Assert.Equal(1, readOnly.ExitCode);
        Assert.Equal("", readOnly.Output);
        Assert.Single(readOnly.Error.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", readOnly.Error, StringComparison.Ordinal);
    }

    // Whether this machine can mount a private tmpfs: unshare (util-linux) with a user and mount namespace of its own.
    private static async Task<string?> PrivateTmpfsMissingAsync()
    {
        var probe = Directory.CreateTempSubdirectory("rapport-tmpfs-probe-").FullName;
        try
        {
            var result = await RunAsync("mount -t tmpfs -o size=64k tmpfs \"$H\"", new() { ["H"] = probe });
            return result.ExitCode == 0 ? null
                : $"needs a private tmpfs for a full disk (unshare --user --map-root-user --mount, util-linux, with user namespaces enabled): {result.Error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"needs unshare (util-linux) to mount a private tmpfs for a full disk: {ex.Message}";
        }
        finally
        {
            Directory.Delete(probe);
        }
    }

    private static async Task<CliResult> RunAsync(string script, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["--user", "--map-root-user", "--mount", "bash", "-c", script])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("RAPPORT_STORE");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }

    private static CliResult Read(string folder, string name) => new(
        int.Parse(File.ReadAllText(Path.Combine(folder, name + ".rc")).Trim(), System.Globalization.CultureInfo.InvariantCulture),
        File.ReadAllText(Path.Combine(folder, name + ".out")),
        File.ReadAllText(Path.Combine(folder, name + ".err")));

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.Multiline)]
    private static partial Regex IdLine();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }
}
