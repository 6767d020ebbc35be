using Rapport.Memory;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Tests.Search;

public sealed class UserVectorSetBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Words = ["Exams", "sleeping", "boss's", "café", "deadline", "Präsentation", "nights", "arguing", "日本語", "don't"];

    // 5,000 entries: two slices analyzed in the background while entries are added, and a remainder analyzed by Build.
    private static readonly List<VectorEntry> Entries = Make(5_000);

    [Theory]
    [InlineData(SearchMode.Dense, true)]
    [InlineData(SearchMode.Lexical, true)]
    [InlineData(SearchMode.Hybrid, true)]
    [InlineData(SearchMode.Hybrid, false)]
    [InlineData(SearchMode.Lexical, false)]
    public void ColdLoadedSnapshot_RanksLikeOneGrownByAppends_AndLikeOneBuiltAtOnce(SearchMode mode, bool analyzeWords)
    {
        var request = new MemorySearchRequest { UserId = "ana", Embedding = Vector(new Random(5)), Text = "sleep before the exam, 42", Mode = mode, Top = 50 };
        var builder = new UserVectorSetBuilder(Entries.Count - 100, analyzeWords: analyzeWords); // fewer than added: columns grow
        foreach (var entry in Entries)
        {
            builder.Add(entry);
        }

        var cold = builder.Build();
        var grown = new UserVectorSet(Entries[..10]);
        _ = grown.Search(request, Now); // the index exists before the appends, which extend it entry by entry
        grown = grown.WithAdded(Entries[10..], Now);
        var atOnce = new UserVectorSet(Entries);

        var expected = grown.Search(request, Now);
        Assert.Equal(50, expected.Count);
        Assert.Equal(expected, cold.Search(request, Now));
        Assert.Equal(expected, atOnce.Search(request, Now));
        Assert.Equal(Entries.Count, cold.Count);
    }

    [Fact]
    public void Build_WithWords_HasTheIndexBeforeTheFirstSearch_AndCannotBeBuiltTwice()
    {
        var builder = new UserVectorSetBuilder(3, analyzeWords: true);
        foreach (var entry in Entries[..3])
        {
            builder.Add(entry);
        }

        var set = builder.Build();
        var plain = new UserVectorSet(Entries[..3]);

        // The index counts in the snapshot's estimated bytes once built.
        Assert.True(set.EstimatedBytes > plain.EstimatedBytes, $"{set.EstimatedBytes} <= {plain.EstimatedBytes}");
        Assert.Throws<ObjectDisposedException>(() => builder.Build());
        Assert.Throws<ObjectDisposedException>(() => builder.Add(Entries[3]));
    }

    [Fact]
    public void Build_NothingAdded_IsAnEmptySnapshot()
    {
        var set = new UserVectorSetBuilder(10, VectorPrecision.Compact, analyzeWords: true).Build();

        Assert.Equal(0, set.Count);
        Assert.Empty(set.Search(new MemorySearchRequest { UserId = "ana", Embedding = new float[] { 1, 0 }, Text = "exam" }, Now));
    }

    private static List<VectorEntry> Make(int count)
    {
        var random = new Random(11);
        return [.. Enumerable.Range(0, count).Select(i => new VectorEntry(
            $"id{i:D4}", "breathing", (InterventionOutcome)(i % 3), null, Now.AddMinutes(-i), Now.AddDays(30), "m", Vector(random),
            $"{Words[i % Words.Length]} {Words[(i * 7) % Words.Length]} before the {i % 97}",
            i % 3 == 0 ? "Let's breathe slowly" : $"{Words[(i * 3) % Words.Length]} walk",
            $"s{i / 10}"))];
    }

    private static float[] Vector(Random random) => [.. Enumerable.Range(0, 8).Select(_ => (float)((random.NextDouble() * 2) - 1))];
}
