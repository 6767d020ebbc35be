using Rapport.Memory;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Tests.Search;

public sealed class UserVectorSetIncrementalTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WithAdded_ToALargeSnapshot_AllocatesIndependentlyOfItsSize()
    {
        var random = new Random(3);
        var set = new UserVectorSet([.. Enumerable.Range(0, 10_000).Select(i => Entry($"id{i:D5}", Vector(random), session: $"s{i / 20}"))]);
        var warm = set.WithAdded([Entry("new-zero", Vector(random), session: "s499")], Now); // JIT and first-call costs out
        var added = new[] { Entry("new-one", Vector(random), session: "s499") };
        var next = new[] { Entry("new-two", Vector(random), session: "s499") };

        var before = GC.GetAllocatedBytesForCurrentThread();
        var grown = warm.WithAdded(added, Now).WithAdded(next, Now);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The snapshot holds about 15 MB of vectors; a copy of any of its columns would be 40 KB or more.
        Assert.True(allocated < 16_000, $"Two appends allocated {allocated} bytes.");
        Assert.Equal(10_003, grown.Count);
        Assert.Equal("new-two", grown.Search(Request(next[0].Vector.ToArray(), top: 1), Now)[0].Id);
    }

    [Fact]
    public void WithAdded_OnAnOlderSnapshot_Forks_AndLeavesTheNewerOneAsItWas()
    {
        var random = new Random(5);
        var start = new UserVectorSet([Entry("a", Vector(random)), Entry("b", Vector(random))]);
        var first = Entry("first", Vector(random));
        var second = Entry("second", Vector(random));

        var one = start.WithAdded([first], Now);
        var other = start.WithAdded([second], Now);

        Assert.Equal(["a", "b", "first"], Ids(one));
        Assert.Equal(["a", "b", "second"], Ids(other));
        Assert.Equal(2, start.Count);
        Assert.Equal(["a", "b"], Ids(start));
    }

    [Fact]
    public void WithChanges_ReplacesAnEntryWhoseVectorChanged_AndDeletesRemovedIds()
    {
        var entries = Enumerable.Range(0, 20).Select(i => Entry($"id{i:D2}", [1f, i])).ToList();
        var set = new UserVectorSet(entries);

        var changed = set.WithChanges([entries[3] with { Vector = new float[] { -1f, 0f } }], ["id05"], Now);

        Assert.DoesNotContain("id05", Ids(changed));
        Assert.Equal("id03", changed.Search(Request([-1f, 0f], top: 1), Now)[0].Id);
        Assert.Equal(19, Ids(changed).Count);
    }

    [Fact]
    public void WithChanges_AnOlderOutcome_DoesNotOverwriteANewerOne()
    {
        var entry = Entry("a", [1f, 0f]) with { Sequence = 5 };
        var set = new UserVectorSet([entry]);

        var newer = set.WithChanges([entry with { Outcome = InterventionOutcome.Helped, Sequence = 9 }], null, Now);
        var stale = newer.WithChanges([entry with { Outcome = InterventionOutcome.NotHelped, Sequence = 7 }], null, Now);

        Assert.Single(stale.Search(Request([1f, 0f]) with { Outcome = InterventionOutcome.Helped }, Now));
    }

    [Fact]
    public void Changes_PastAnEighthDead_CompactTheSnapshot_SearchingLikeOneBuiltFromScratch()
    {
        var random = new Random(11);
        var entries = Enumerable.Range(0, 16).Select(i => Entry($"id{i:D2}", Vector(random)) with { Situation = $"exam {i % 3} night" }).ToList();
        var set = new UserVectorSet(entries);
        var request = Request(Vector(random), top: 20) with { Text = "exam night", Mode = SearchMode.Hybrid };
        _ = set.Search(request, Now);

        var compacted = set.WithChanges([], ["id01", "id02"], Now);
        var scratch = new UserVectorSet([.. entries.Where(e => e.Id is not "id01" and not "id02")]);

        Assert.Equal(14, compacted.Count);
        Assert.Equal(scratch.Search(request, Now), compacted.Search(request, Now));
    }

    [Fact]
    public void SessionNeighbours_OfAppendedEntries_MatchASnapshotBuiltFromScratch()
    {
        var random = new Random(13);
        var entries = Enumerable.Range(0, 9).Select(i => Entry($"id{i}", Vector(random), session: "s", created: Now.AddMinutes(-100 + (i * 10))) with
        {
            Situation = i % 2 == 0 ? "deadline at work" : "my sister called",
        }).ToList();
        // Appended out of order: the seventh entry's time falls between the second and third.
        var late = entries[6] with { CreatedAt = Now.AddMinutes(-85) };
        var start = new UserVectorSet([.. entries.Take(6)]);
        var grown = start.WithAdded([late, entries[7], entries[8]], Now);
        var scratch = new UserVectorSet([.. entries.Take(6), late, entries[7], entries[8]]);
        var request = Request(Vector(random), top: 9) with { Text = "sister", Mode = SearchMode.Hybrid };

        Assert.Equal(scratch.Search(request, Now), grown.Search(request, Now));
    }

    private static List<string> Ids(UserVectorSet set) =>
        [.. set.Search(Request([1f, 0f], top: 1000) with { Mode = SearchMode.Dense, EmbeddingModel = "" }, Now).Select(m => m.Id).Order(StringComparer.Ordinal)];

    private static VectorEntry Entry(string id, float[] vector, string? session = null, DateTimeOffset? created = null) =>
        new(id, "breathing", InterventionOutcome.Unknown, null, created ?? Now.AddHours(-1), Now.AddDays(29), "m", vector, SessionId: session);

    private static MemorySearchRequest Request(float[] query, int top = 10) => new() { UserId = "ana", Embedding = query, Top = top };

    private static float[] Vector(Random random) => [.. Enumerable.Range(0, 2).Select(_ => (float)((random.NextDouble() * 2) - 1))];
}
