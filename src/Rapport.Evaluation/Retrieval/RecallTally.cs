namespace Rapport.Evaluation.Retrieval;

/// <summary>Accumulates evidence recall@k per question, overall and per category.</summary>
internal sealed class RecallTally(int[] ks)
{
    private readonly Dictionary<int, (int Questions, double[] Sums)> _categories = [];
    private readonly double[] _sums = new double[ks.Length];

    public int Scored { get; private set; }

    public int Unscored { get; set; }

    /// <summary>Scores one question given the turn ids of the results, best first.</summary>
    public void Add(LocomoQuestion question, string[] rankedTurns)
    {
        if (!_categories.TryGetValue(question.Category, out var category))
        {
            category = (0, new double[ks.Length]);
        }

        for (var k = 0; k < ks.Length; k++)
        {
            var top = rankedTurns.Take(ks[k]).ToHashSet(StringComparer.Ordinal);
            var recall = (double)question.Evidence.Count(top.Contains) / question.Evidence.Count;
            _sums[k] += recall;
            category.Sums[k] += recall;
        }

        _categories[question.Category] = (category.Questions + 1, category.Sums);
        Scored++;
    }

    public IReadOnlyDictionary<int, double> Overall() => Means(_sums, Scored);

    public IReadOnlyList<CategoryRecall> ByCategory() =>
        [.. _categories.OrderBy(c => c.Key).Select(c => new CategoryRecall(c.Key, c.Value.Questions, Means(c.Value.Sums, c.Value.Questions)))];

    private SortedDictionary<int, double> Means(double[] sums, int count)
    {
        var means = new SortedDictionary<int, double>();
        for (var k = 0; k < ks.Length; k++)
        {
            means[ks[k]] = count == 0 ? 0 : 100 * sums[k] / count;
        }

        return means;
    }
}
