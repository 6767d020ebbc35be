using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Rapport.Demo;
using Rapport.Evaluation.Runs;
using Rapport.Memory;
using Rapport.Sqlite;
using Rapport.Storage;

namespace Rapport.Cli.Demo;

/// <summary>Saves each seed's Rapport coach as two evaluation runs, its users' first and last sessions, so the dashboard can compare them.</summary>
/// <remarks>
/// Case <c>user/turn-k</c> is the k-th intervention of that user's session: the same user and position in both runs (the
/// situations differ, since sessions do). Metrics are the scores stored with each intervention plus <c>helped</c>
/// (1 helped, 0 not, none when unreported), so the metric deltas show how much the coach learned between the two sessions.
/// </remarks>
internal static class DemoEvaluationRuns
{
    /// <summary>The metric of the reported outcome.</summary>
    public const string HelpedMetric = "helped";

    public static async Task<IReadOnlyList<EvaluationRun>> SaveAsync(
        IReadOnlyList<SimulationReport> reports, string folder, string home, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var store = FileEvaluationRunStore.InHome(home);
        var saved = new List<EvaluationRun>();
        foreach (var report in reports)
        {
            // Read as of before the simulation's clock started, so that no memory counts as expired.
            var memories = SqliteMemoryStore.Open(Path.Combine(folder, $"seed-{report.Seed}", "rapport.db"), new FixedClock(DateTimeOffset.UnixEpoch));
            await using (memories.ConfigureAwait(false))
            {
                var sessions = await SessionsAsync(memories, cancellationToken).ConfigureAwait(false);
                var first = sessions.Select(s => (s.User, s.Sessions[0])).ToList();
                var last = sessions.Where(s => s.Sessions.Count > 1).Select(s => (s.User, s.Sessions[^1])).ToList();
                var dataset = $"demo seed {report.Seed}: each user's first vs last session";
                var hash = Hash(string.Create(CultureInfo.InvariantCulture, $"{report.Seed}|{report.Users}|{report.Sessions.Count}|{string.Join(',', report.Kinds)}"));
                var stamp = at.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
                foreach (var (name, cases) in new[] { ("first", first), ("last", last) })
                {
                    var run = Run($"demo-{stamp}-seed{report.Seed}-{name}", at, dataset, hash, $"Rapport coach, {name} session", cases);
                    await store.SaveAsync(run, cancellationToken).ConfigureAwait(false);
                    saved.Add(run);
                }
            }
        }

        return saved;
    }

    private static async Task<List<(string User, List<List<Intervention>> Sessions)>> SessionsAsync(SqliteMemoryStore store, CancellationToken cancellationToken)
    {
        var result = new List<(string, List<List<Intervention>>)>();
        foreach (var user in await store.ListUsersAsync(null, 10_000, cancellationToken).ConfigureAwait(false))
        {
            var all = await store.ListAsync(user.UserId, int.MaxValue, cancellationToken).ConfigureAwait(false);
            var sessions = all.Where(i => i.SessionId is not null).GroupBy(i => i.SessionId!)
                .Select(g => g.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal).ToList())
                .OrderBy(s => s[0].CreatedAt).ToList();
            if (sessions.Count > 0)
            {
                result.Add((user.UserId, sessions));
            }
        }

        return result.OrderBy(r => r.Item1, StringComparer.Ordinal).ToList();
    }

    private static EvaluationRun Run(string id, DateTimeOffset at, string dataset, string hash, string target, List<(string User, List<Intervention> Session)> sessions)
    {
        var cases = new List<CaseResult>();
        foreach (var (user, session) in sessions)
        {
            for (var k = 0; k < session.Count; k++)
            {
                var i = session[k];
                var helped = i.Outcome switch { InterventionOutcome.Helped => 1.0, InterventionOutcome.NotHelped => 0.0, _ => (double?)null };
                cases.Add(new CaseResult
                {
                    CaseId = string.Create(CultureInfo.InvariantCulture, $"{user}/turn-{k + 1}"),
                    Response = i.Text,
                    Tags = [i.Kind],
                    Scores = [new CaseScore(HelpedMetric, helped, $"{i.Kind}: {i.Outcome.ToText()}", helped.HasValue ? helped > 0 : null, null),
                        .. i.Scores.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new CaseScore(s.Key, s.Value, null, null, null))],
                });
            }
        }

        var metrics = cases.SelectMany(c => c.Scores.Select(s => s.Name)).Distinct(StringComparer.Ordinal).ToList();
        return new EvaluationRun
        {
            Id = id, StartedAt = at, DatasetName = dataset, DatasetHash = hash, TargetDescription = target,
            TargetConfigurationHash = Hash(target), Metrics = metrics, MaxParallelism = 1, Cases = cases,
        };
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
