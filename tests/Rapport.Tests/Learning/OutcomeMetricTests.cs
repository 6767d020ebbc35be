using Rapport.Learning;

namespace Rapport.Tests.Learning;

public sealed class OutcomeMetricTests
{
    private const int Dimensions = 24;
    private const int Kinds = 4;

    [Fact]
    public void AddScaled_GivesBitForBitWhatTheLibrarysMultiplyAddGives()
    {
        // The relearning's own kernel must not move the learnt directions: same bits as TensorPrimitives, every length.
        var random = new Random(11);
        for (var length = 0; length <= 400; length++)
        {
            var x = Enumerable.Range(0, length).Select(_ => (random.NextDouble() - 0.5) * 1e3).ToArray();
            var y = Enumerable.Range(0, length).Select(_ => (random.NextDouble() - 0.5) * 1e-3).ToArray();
            var a = random.NextDouble() * 3.7;
            var expected = new double[length];
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd<double>(x, a, y, expected);

            LearningKernels.AddScaled(x, a, y);

            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), y.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void Learn_BestKindsDependOnTheSortOfSituation_FindsTheDirectionThatSeparatesTheSorts()
    {
        // Two sorts of situation differ along axis 0 (+0.5 / -0.5); the wording adds more spread (0.6 per axis) on every
        // other axis. Each user has a best kind per sort; kinds are tried at random.
        var outcomes = Population(users: 150, sortMatters: true, new Random(1));

        var metric = OutcomeMetric.Learn(outcomes, maximumDirections: 8, minimumUsers: 10);

        Assert.NotNull(metric);
        Assert.True(Math.Abs(metric.Axes[0][0]) > 0.9, $"first direction's weight on axis 0: {metric.Axes[0][0]}");
        Assert.True(metric.Axes.Length <= 3, $"{metric.Axes.Length} directions kept");
    }

    [Fact]
    public void CenteredSimilarities_AlongTheLearntDirection_TellsTheSortsApartBetterThanTheWords()
    {
        var random = new Random(2);
        var metric = OutcomeMetric.Learn(Population(users: 150, sortMatters: true, random), 8, 10)!;
        var past = Enumerable.Range(0, 20).Select(i => (Sort: i % 2, Vector: Situation(i % 2, random))).ToList();
        var current = Situation(0, random);

        var similarities = metric.CenteredSimilarities([.. past.Select(p => (ReadOnlyMemory<float>)p.Vector)], current)!;

        var same = past.Select((p, i) => (p.Sort, Similarity: similarities[i, past.Count])).ToList();
        Assert.True(same.Where(s => s.Sort == 0).Min(s => s.Similarity) > same.Where(s => s.Sort == 1).Max(s => s.Similarity));
        Assert.Equal(1, similarities[past.Count, past.Count], 6);
    }

    [Fact]
    public void Learn_OutcomesUnrelatedToTheSituation_KeepsNoDirection()
    {
        var outcomes = Population(users: 150, sortMatters: false, new Random(3));

        Assert.Null(OutcomeMetric.Learn(outcomes, maximumDirections: 8, minimumUsers: 10));
    }

    [Fact]
    public void Learn_FewerUsersThanTheMinimum_ReturnsNull()
    {
        var outcomes = Population(users: 9, sortMatters: true, new Random(4));

        Assert.Null(OutcomeMetric.Learn(outcomes, maximumDirections: 8, minimumUsers: 10));
        Assert.Null(OutcomeMetric.Learn([], maximumDirections: 8, minimumUsers: 1));
    }

    [Fact]
    public void CenteredSimilarities_VectorOfAnotherLength_ReturnsNull()
    {
        var metric = OutcomeMetric.Learn(Population(users: 150, sortMatters: true, new Random(5)), 8, 10)!;

        Assert.Null(metric.CenteredSimilarities([new float[Dimensions], new float[3]], new float[Dimensions]));
    }

    // Each user: a best kind per sort (helps 0.8, the others 0.2), 30 situations of random sorts, each given a random kind.
    // When the sort does not matter, every kind helps half the time whatever the situation.
    private static List<SituationOutcome> Population(int users, bool sortMatters, Random random)
    {
        var outcomes = new List<SituationOutcome>();
        for (var user = 0; user < users; user++)
        {
            int[] best = [random.Next(Kinds), random.Next(Kinds)];
            for (var i = 0; i < 30; i++)
            {
                var sort = random.Next(2);
                var kind = random.Next(Kinds);
                var chance = !sortMatters ? 0.5 : kind == best[sort] ? 0.8 : 0.2;
                outcomes.Add(new SituationOutcome(user, $"kind-{kind}", random.NextDouble() < chance, Situation(sort, random)));
            }
        }

        return outcomes;
    }

    private static float[] Situation(int sort, Random random)
    {
        var vector = new float[Dimensions];
        vector[0] = sort == 0 ? 0.5f : -0.5f;
        for (var i = 1; i < Dimensions; i++)
        {
            vector[i] = 0.6f * (float)Gaussian(random);
        }

        // A shared component, as all of one embedder's vectors have.
        vector[1] += 2f;
        return vector;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
