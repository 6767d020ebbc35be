using System.Diagnostics;
using Rapport.Embeddings;
using Rapport.Embeddings.Onnx.Tests;
using Rapport.Memory;
using Rapport.Redis.Tests.Fixtures;
using Rapport.Storage.Conformance;

namespace Rapport.Redis.Tests;

/// <summary>With Redis frozen (SIGSTOP), a recall spends its budget once, not once per read (issue 16, finding 8 and acceptance 4).</summary>
/// <remarks>
/// Which waits a recall made is read from the store's log, not from a clock: the first recall after each freeze has exactly one
/// call that ran over budget, and a second recall while still frozen none (it degrades at once). Two budgeted reads in a row
/// fail that check however loaded the machine is. The time is measured too, over several freezes: the fastest first recall
/// must return within 1.1x the budget (one wait of the budget plus the recall's own work). The slower ones measure the machine
/// (two cores shared by several test processes, where a thread may wait its turn well after the timer fired), so they are
/// printed, not asserted: asserting every sample made this test flaky under load without making it stricter about the code.
/// </remarks>
public sealed class FrozenRedisBudgetTests : PrivateRedisTests
{
    private const int Freezes = 5;
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task Recall_RedisFrozen_OneBudgetPerRecall_WithinBudgetTimesOnePointOne_ThenRecoversAfterThaw()
    {
        var ct = TestContext.Current.CancellationToken;
        using var log = new CapturingLoggerFactory();
        await using var store = Stores.Open(Server.Endpoint, configure: o => o.Budget = Budget, loggerFactory: log);
        var memory = new RapportMemory(store, new HashingEmbeddingGenerator());
        await memory.RecordAsync(new NewIntervention { UserId = "ana", Situation = "tense before my talk", Kind = "breathing", Text = "breathe" }, ct);
        var request = new RecallRequest { UserId = "ana", Query = "tense talk" };
        Assert.Single(await memory.RecallAsync(request, ct));

        var first = new List<double>();
        var second = new List<double>();
        for (var freeze = 0; freeze < Freezes; freeze++)
        {
            await Server.FreezeAsync();
            try
            {
                var spent = OverBudget(log);
                var logged = log.Messages.Count;
                var watch = Stopwatch.StartNew();
                Assert.Empty(await memory.RecallAsync(request, ct));
                first.Add(watch.Elapsed.TotalMilliseconds);
                Assert.True(OverBudget(log) - spent == 1, $"freeze {freeze}: the first recall ran over budget {OverBudget(log) - spent} times: {string.Join(" | ", log.Messages.Skip(logged))}");

                watch.Restart();
                Assert.Empty(await memory.RecallAsync(request, ct));
                second.Add(watch.Elapsed.TotalMilliseconds);
                Assert.True(OverBudget(log) - spent == 1, $"freeze {freeze}: the second recall waited for the frozen server again");
            }
            finally
            {
                await Server.ThawAsync();
            }

            var deadline = DateTime.UtcNow.AddSeconds(20);
            while ((await memory.RecallAsync(request, ct)).Count == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "recall did not recover after SIGCONT");
                await Task.Delay(50, ct);
            }
        }

        first.Sort();
        FaultFigures.Report(
            $"Redis frozen (SIGSTOP), budget {Budget.TotalMilliseconds:F0} ms, {Freezes} freezes: first recall fastest {first[0]:F0} ms " +
            $"({first[0] / Budget.TotalMilliseconds:F2}x), median {first[Freezes / 2]:F0} ms, slowest {first[^1]:F0} ms, one budget spent each; " +
            $"second recall while frozen slowest {second.Max():F0} ms, none spent");
        Assert.True(first[0] <= Budget.TotalMilliseconds * 1.1, $"the fastest recall took {first[0]:F0} ms; budget {Budget.TotalMilliseconds} ms");
    }

    // How many calls so far waited their whole budget for Redis (a read that degraded, or a write that queued, "over budget").
    private static int OverBudget(CapturingLoggerFactory log) => log.Messages.Count(m => m.Contains("(over budget)", StringComparison.Ordinal));
}
