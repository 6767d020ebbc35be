using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Rapport.Cli.Tests.Security;

/// <summary>Fault injection on the real CLI and SQLite: writer processes killed with SIGKILL at random moments, several at
/// once. Every acknowledged write survives exactly once and the file stays intact (issue 16, fault-injection suite; part).</summary>
public sealed class FaultInjectionTests : IDisposable
{
    private const int Rounds = 12;
    private readonly string _home = Directory.CreateTempSubdirectory("rapport-faults-").FullName;

    [Fact]
    public async Task Kill9_DuringConcurrentWrites_AcknowledgedLost0_Duplicates0_IntegrityOk()
    {
        var random = new Random(16);
        var acknowledged = new List<string>();
        var killed = 0;
        for (var round = 0; round < Rounds; round++)
        {
            // Two writers at once; one of them is killed after a random delay (often mid-write, sometimes before or after).
            var writers = Enumerable.Range(0, 2).Select(i => Start("remember", "--user", $"u{i}", "--situation", $"round {round} writer {i}", "--kind", "k", "--text", "t")).ToList();
            await Task.Delay(random.Next(100, 1_500), TestContext.Current.CancellationToken);
            var victim = writers[random.Next(2)];
            if (!victim.HasExited)
            {
                victim.Kill();
                killed++;
            }

            foreach (var writer in writers)
            {
                await writer.WaitForExitAsync(TestContext.Current.CancellationToken);
                var id = (await writer.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)).Trim();
                if (writer.ExitCode == 0 && id.Length == 32)
                {
                    acknowledged.Add(id);
                }

                writer.Dispose();
            }
        }

        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_home, "rapport.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var integrity = (string)(await Scalar(connection, "PRAGMA integrity_check;"))!;
        var ids = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id FROM interventions;";
            using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                ids.Add(reader.GetString(0));
            }
        }

        var lost = acknowledged.Count(a => !ids.Contains(a));
        var duplicates = ids.Count - ids.Distinct().Count();
        TestContext.Current.SendDiagnosticMessage(
            $"fault injection: {Rounds} rounds, {killed} kill -9, {acknowledged.Count} acknowledged, {ids.Count} stored, lost {lost}, duplicates {duplicates}, integrity {integrity}");
        Assert.True(killed > 0, "no writer was killed");
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicates);
        Assert.Equal("ok", integrity);
    }

    private Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Rapport.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["RAPPORT_HOME"] = _home;
        start.Environment.Remove("RAPPORT_STORE");
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    private static async Task<object?> Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_home, recursive: true);
    }
}
