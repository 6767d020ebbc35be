using System.Diagnostics;

namespace Rapport.DashboardBench;

/// <summary>What a result needs to be read on a shared machine: the CPU, its load while the pages ran, and the code measured.</summary>
internal static class Machine
{
    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "unknown".</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>The CPU's model name (Linux), or "unknown CPU".</summary>
    public static string Cpu() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";

    /// <summary>The checked-out commit (short), with "+changes" when the tree differs from it, or "unknown" outside a git checkout.</summary>
    public static string Commit()
    {
        var head = Git("rev-parse --short HEAD");
        return head is null ? "unknown" : Git("status --porcelain --untracked-files=no") is { Length: > 0 } ? head + "+changes" : head;
    }

    private static string? Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            var output = git!.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
