using System.Globalization;
using System.Text;
using Rapport.Evaluation.Behaviour;
using Rapport.Evaluation.Scorers;

namespace Rapport.BehaviourFit;

/// <summary>quality: chooses the default brevity and supportiveness weights of the quality on the validation splits, with the shipped scorers.</summary>
/// <remarks>
/// Tool usage keeps its 0.2 (no labelled data for it); brevity takes w and supportiveness 0.8 - w. The criterion is the
/// AUC of the quality separating MI-consistent turns (reflections, affirmations, seeking collaboration, open questions,
/// advice with permission) from MI-inconsistent ones (advice without permission, persuading/confronting), averaged
/// over the self-written and the ESConv validation splits (closed questions, self-disclosure and other left out).
/// Chosen: the largest brevity weight whose mean AUC is within 0.005 of the best.
/// </remarks>
internal static class QualityCommand
{
    private const double Tolerance = 0.005;
    private static readonly double[] BrevityWeights = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8];

    public static async Task<string> RunAsync(string repository, string shared, string split)
    {
        using var cache = new EmbeddingCache();
        using var embedder = new CachedMiniLm(cache);
        var classifier = new BehaviourClassifier(embedder);
        var supportiveness = new SupportivenessEvaluator(embedder: embedder);
        var brevity = new BrevityEvaluator();
        var report = new StringBuilder($"Quality weights on the {split} splits (tool usage 0.2, brevity w, supportiveness 0.8 - w)\n\n| brevity weight | self-written AUC | ESConv AUC | mean |\n|---:|---:|---:|---:|\n");
        var sets = new List<List<(bool Consistent, double Brevity, double Support)>>();
        foreach (var pairs in new[] { SelfWrittenSet.Read(Training.DataFolder(repository), split), Esconv.Read(Path.Combine(shared, "esconv", split + ".jsonl"), 1) })
        {
            var kept = pairs.Where(p => Consistent(p.Code) is not null).ToList();
            var predictions = await classifier.ClassifyAsync([.. kept.Select(p => new BehaviourPair(p.Previous, p.Turn))]);
            sets.Add([.. kept.Select((p, i) => (Consistent(p.Code)!.Value, brevity.Score(p.Turn).Value,
                supportiveness.ScoreClassified(p.Turn, predictions[i], "").Score.Value))]);
        }

        var means = new List<(double Weight, double Mean)>();
        foreach (var w in BrevityWeights)
        {
            var aucs = sets.Select(set => Auc(set.Select(x => (x.Consistent, (w * x.Brevity) + ((0.8 - w) * x.Support))).ToList())).ToList();
            means.Add((w, aucs.Average()));
            report.Append(CultureInfo.InvariantCulture, $"| {w:0.0} | {aucs[0]:0.000} | {aucs[1]:0.000} | {aucs.Average():0.000} |\n");
        }

        // Brevity is a product requirement (spoken turns), so keep as much of it as costs nothing measurable here.
        var best = means.Max(m => m.Mean);
        var chosen = means.Where(m => m.Mean >= best - Tolerance).Max(m => m.Weight);
        report.Append(CultureInfo.InvariantCulture, $"\nChosen (the largest brevity weight within {Tolerance} of the best mean): brevity {chosen:0.0}, supportiveness {0.8 - chosen:0.0}, tool usage 0.2\n");

        report.Append(CultureInfo.InvariantCulture, $"\nBrevity alone: self-written {Auc([.. sets[0].Select(x => (x.Consistent, x.Brevity))]):0.000}, ESConv {Auc([.. sets[1].Select(x => (x.Consistent, x.Brevity))]):0.000}; ");
        report.Append(CultureInfo.InvariantCulture, $"supportiveness alone: self-written {Auc([.. sets[0].Select(x => (x.Consistent, x.Support))]):0.000}, ESConv {Auc([.. sets[1].Select(x => (x.Consistent, x.Support))]):0.000}\n");
        return report.ToString();
    }

    private static bool? Consistent(BehaviourCode code) => code switch
    {
        BehaviourCode.AdviceWithoutPermission or BehaviourCode.PersuadeConfront => false,
        BehaviourCode.ClosedQuestion or BehaviourCode.SelfDisclosure or BehaviourCode.Other => null,
        _ => true,
    };

    // Mann-Whitney: the chance a random consistent turn scores above a random inconsistent one, ties half.
    private static double Auc(List<(bool Better, double Score)> items)
    {
        var all = items.OrderBy(x => x.Score).ToArray();
        double rankSum = 0, better = 0;
        for (var i = 0; i < all.Length;)
        {
            var j = i;
            while (j < all.Length && all[j].Score == all[i].Score)
            {
                j++;
            }

            for (var k = i; k < j; k++)
            {
                if (all[k].Better)
                {
                    rankSum += (i + 1 + j) / 2.0;
                    better++;
                }
            }

            i = j;
        }

        var worse = all.Length - better;
        return (rankSum - (better * (better + 1) / 2)) / (better * worse);
    }
}
