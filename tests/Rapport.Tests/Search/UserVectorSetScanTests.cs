using Rapport.Memory;
using Rapport.Search;
using Rapport.Search.Internal;
using Rapport.Storage;

namespace Rapport.Tests.Search;

/// <summary>The blocked scan of a uniform snapshot (one embedder, one dimension) against the entry-by-entry scan it replaces:
/// the same matches, scores and order for every mode and filter (filters other than expiry and minimum similarity take
/// the entry-by-entry path), and the fallback wherever entries differ.</summary>
public sealed class UserVectorSetScanTests
{
    private const int Dimensions = 64;
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Words = ["walk", "breathe", "deadline", "sleep", "music", "call", "friend", "tea"];
    private static readonly InterventionOutcome[] Outcomes = [InterventionOutcome.Unknown, InterventionOutcome.Helped, InterventionOutcome.NotHelped];

    public static TheoryData<int, int> Shapes => new() { { 32, 9 }, { 384, 8 }, { 384, 3 }, { 40, 7 }, { 8, 5 }, { 64, 0 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void DotRows_EqualsDotRowByRow(int dims, int rows)
    {
        var random = new Random(dims + rows);
        var query = Codes(random, dims);
        var matrix = Codes(random, dims * rows);
        // The extremes, where an int16 pair would saturate if the kernel summed wrongly.
        query[0] = -127;
        if (rows > 0)
        {
            matrix[0] = -127;
        }

        var magnitudes = new byte[dims];
        Int8Codes.Magnitudes(query, magnitudes);
        var dots = new int[rows];

        Int8Codes.DotRows(magnitudes, query, matrix, dots);

        var expected = Enumerable.Range(0, rows).Select(r => Int8Codes.Dot(magnitudes, query, matrix.AsSpan(r * dims, dims))).ToArray();
        var naive = Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, dims).Sum(d => query[d] * matrix[(r * dims) + d])).ToArray();
        Assert.Equal(naive, expected);
        Assert.Equal(expected, dots);
    }

    [Fact]
    public void DotRows_TooFewRows_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Int8Codes.DotRows(new byte[32], new sbyte[32], new sbyte[63], new int[2]));

        Assert.Contains("rows", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(VectorPrecision.Full)]
    [InlineData(VectorPrecision.Compact)]
    public void Search_UniformSnapshot_SameAsEntryByEntry(VectorPrecision precision)
    {
        var set = new UserVectorSet(Entries(new Random(11), 700), precision);
        var entryByEntry = set.EntryByEntry();
        var query = Gaussian(new Random(12), Dimensions);

        Assert.True(set.ScansInBlocks);
        Assert.False(entryByEntry.ScansInBlocks);
        foreach (var request in Requests(query))
        {
            var expected = entryByEntry.SearchCandidates(request, Now).Matches;
            Assert.NotEmpty(expected);
            Assert.Equal(expected, set.SearchCandidates(request, Now).Matches);
            Assert.Equal(entryByEntry.Search(request, Now), set.Search(request, Now));
        }
    }

    [Fact]
    public void Search_TiedScores_KeepNewerThenIdOrder()
    {
        // Thirty copies of one vector: equal scores everywhere, so only the tie-breaks order the top.
        var vector = Gaussian(new Random(3), Dimensions);
        var entries = Enumerable.Range(0, 30).Select(i => Entry($"m{i:D2}", vector, Now.AddMinutes(-(i % 7)))).ToList();
        var set = new UserVectorSet(entries, VectorPrecision.Compact);

        var matches = set.Search(Dense(vector, top: 12), Now);

        Assert.Equal(set.EntryByEntry().Search(Dense(vector, top: 12), Now), matches);
        Assert.Equal(["m00", "m07", "m14", "m21", "m28", "m01", "m08", "m15", "m22", "m29", "m02", "m09"], matches.Select(m => m.Id));
    }

    [Theory]
    [InlineData(VectorPrecision.Full)]
    [InlineData(VectorPrecision.Compact)]
    public void MixedSnapshot_FallsBackEntryByEntry_AndStillRanksTheComparable(VectorPrecision precision)
    {
        var random = new Random(21);
        var entries = Entries(random, 50);
        var uniform = new UserVectorSet(entries, precision);
        var query = entries[17].Vector.ToArray();
        var otherDimension = uniform.WithAdded([Entry("short", Gaussian(random, 8), Now)], Now);
        var otherModel = uniform.WithAdded([Entry("other", query, Now) with { EmbeddingModel = "e5" }], Now);
        var grown = uniform.WithAdded([Entry("grown", Gaussian(random, Dimensions), Now)], Now);

        Assert.False(otherDimension.ScansInBlocks);
        Assert.False(otherModel.ScansInBlocks);
        Assert.True(grown.ScansInBlocks);
        Assert.Equal("m17", otherDimension.Search(Dense(query), Now)[0].Id);
        Assert.DoesNotContain(otherModel.Search(Dense(query) with { EmbeddingModel = "minilm" }, Now), m => m.Id == "other");
        // Without a model named, dimension alone decides: the e5 entry (the query's own vector) is comparable and first.
        Assert.Equal("other", otherModel.Search(Dense(query), Now)[0].Id);
        Assert.Empty(uniform.Search(Dense(query) with { EmbeddingModel = "e5" }, Now));
    }

    [Fact]
    public void Rescore_ReadsOnlyCandidatesThatCanStillEnterTheTop()
    {
        var random = new Random(31);
        var entries = Entries(random, 1_000);
        var full = new UserVectorSet(entries);
        var compact = new UserVectorSet(entries, VectorPrecision.Compact);
        var byId = entries.ToDictionary(e => e.Id, e => (ReadOnlyMemory<float>?)e.Vector, StringComparer.Ordinal);
        var request = Dense(Gaussian(random, Dimensions));
        var read = new List<string>();

        var candidates = compact.SearchCandidates(request, Now);
        var rescored = candidates.Rescore(id =>
        {
            read.Add(id);
            return byId[id];
        });

        // The exact scan's matches, scores included, though some candidates were never read.
        Assert.Equal(full.Search(request, Now), rescored);
        Assert.InRange(read.Count, request.Top, candidates.Matches.Count - 1);
        Assert.Equal(candidates.Matches.Select(m => m.Id).Take(request.Top), read.Take(request.Top));
    }

    private static IEnumerable<MemorySearchRequest> Requests(float[] query)
    {
        var dense = Dense(query);
        yield return dense;
        yield return dense with { Top = 3 };
        yield return dense with { EmbeddingModel = "minilm", Top = 40 };
        yield return dense with { Kinds = ["walk", "music"], Outcome = InterventionOutcome.Helped };
        yield return dense with { MinQuality = 0.4, Since = Now.AddHours(-300), Until = Now.AddHours(-20) };
        yield return dense with { MinSimilarity = 0.05 };
        yield return dense with { Mode = SearchMode.Hybrid, Text = "walk with a friend" };
        yield return dense with { Mode = SearchMode.Hybrid, Text = "tea before sleep", MinSimilarity = 0.0, Kinds = ["tea", "sleep", "call"] };
        yield return dense with { Mode = SearchMode.Lexical, Text = "deadline music", MinSimilarity = -0.1 };
        yield return dense with { Mode = SearchMode.Lexical, Text = "deadline music" };
    }

    private static MemorySearchRequest Dense(float[] query, int top = 10) =>
        new() { UserId = "ana", Embedding = query, Top = top, Mode = SearchMode.Dense };

    // Varied entries of one embedder and dimension: kinds, outcomes, qualities, words, sessions, a few expired, a zero
    // vector, and repeated creation times and vectors (ties).
    private static List<VectorEntry> Entries(Random random, int count)
    {
        var entries = new List<VectorEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var vector = i == 5 ? new float[Dimensions] : i % 50 == 49 ? entries[i - 1].Vector.ToArray() : Gaussian(random, Dimensions);
            var created = Now.AddHours(-(i % 400));
            var text = string.Join(' ', Enumerable.Range(0, 3).Select(_ => Words[random.Next(Words.Length)]));
            entries.Add(Entry($"m{i}", vector, created) with
            {
                Kind = Words[i % Words.Length],
                Outcome = Outcomes[i % Outcomes.Length],
                Quality = i % 4 == 0 ? null : random.NextDouble(),
                ExpiresAt = i % 37 == 0 ? Now.AddHours(-1) : Now.AddDays(30),
                Situation = text,
                SessionId = $"s{i / 6}",
            });
        }

        return entries;
    }

    private static VectorEntry Entry(string id, float[] vector, DateTimeOffset created) =>
        new(id, "breathing", InterventionOutcome.Unknown, null, created, Now.AddDays(30), "minilm", vector);

    private static float[] Gaussian(Random random, int dims) =>
        [.. Enumerable.Range(0, dims).Select(_ => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))];

    private static sbyte[] Codes(Random random, int length) => [.. Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128))];
}
