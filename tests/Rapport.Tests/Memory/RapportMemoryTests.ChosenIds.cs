using Rapport.Memory;

namespace Rapport.Tests.Memory;

/// <summary>Records whose id the caller chose (the service derives it from an Idempotency-Key): a retry is stored once.</summary>
public sealed partial class RapportMemoryTests
{
    [Fact]
    public async Task RecordAsync_AChosenIdRecordedAgain_ReturnsTheStoredRecordAndStoresOnce()
    {
        var first = await _memory.RecordAsync(New() with { Id = "retry-0001" });
        _time.Advance(TimeSpan.FromMinutes(1));

        var again = await _memory.RecordAsync(New() with { Id = "retry-0001", Text = "Another wording of the retried body." });

        Assert.Equal("retry-0001", first.Id);
        Assert.Equal(first.Text, again.Text);
        Assert.Equal(first.CreatedAt, again.CreatedAt);
        Assert.Equal(1, (await _store.GetStatsAsync()).Interventions);
    }

    [Fact]
    public async Task RecordManyAsync_ABatchRetriedWithOneNewRecord_StoresOnlyTheNewOneInOrder()
    {
        await _memory.RecordAsync(New() with { Id = "batch-a" });

        var stored = await _memory.RecordManyAsync([New() with { Id = "batch-a" }, New() with { Id = "batch-b", Kind = "break" }, New() with { Kind = "walk" }]);

        Assert.Equal(["batch-a", "batch-b"], stored.Take(2).Select(i => i.Id));
        Assert.Equal(["breathing", "break", "walk"], stored.Select(i => i.Kind));
        Assert.Equal(3, (await _store.GetStatsAsync()).Interventions);
    }

    [Fact]
    public async Task RecordAsync_AChosenIdHeldByAnotherUser_IsRefusedWithoutNamingThem()
    {
        await _memory.RecordAsync(New() with { Id = "shared-id", UserId = "ben" });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _memory.RecordAsync(New() with { Id = "shared-id" }));

        Assert.Contains("already in use", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ben", error.Message, StringComparison.Ordinal);
        Assert.Equal("ben", Assert.Single(await _memory.ListAsync("ben")).UserId);
        Assert.Empty(await _memory.ListAsync("ana"));
    }

    [Fact]
    public async Task RecordManyAsync_OneChosenIdTwiceInABatch_IsRefusedAndStoresNothing()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _memory.RecordManyAsync([New() with { Id = "twice" }, New() with { Id = "twice" }]));

        Assert.Contains("twice in one batch", error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }
}
