using System.Globalization;
using System.Text;
using Rapport.Evaluation.Behaviour;

namespace Rapport.BehaviourFit;

/// <summary>Per-class precision, recall and F1, macro F1, and the reflection figures of one model on one split.</summary>
internal sealed class Evaluation
{
    private readonly int[,] _confusion = new int[BehaviourCodes.Count, BehaviourCodes.Count];

    public Evaluation(int[] truth, int[] predicted)
    {
        for (var i = 0; i < truth.Length; i++)
        {
            _confusion[truth[i], predicted[i]]++;
        }

        Count = truth.Length;
    }

    public int Count { get; }

    public int Support(int k) => Enumerable.Range(0, BehaviourCodes.Count).Sum(p => _confusion[k, p]);

    public double Precision(int k)
    {
        var predicted = Enumerable.Range(0, BehaviourCodes.Count).Sum(t => _confusion[t, k]);
        return predicted == 0 ? 0 : (double)_confusion[k, k] / predicted;
    }

    public double Recall(int k) => Support(k) == 0 ? 0 : (double)_confusion[k, k] / Support(k);

    public double F1(int k) => Precision(k) + Recall(k) == 0 ? 0 : 2 * Precision(k) * Recall(k) / (Precision(k) + Recall(k));

    /// <summary>Macro F1 over the classes present in the truth.</summary>
    public double MacroF1 => Enumerable.Range(0, BehaviourCodes.Count).Where(k => Support(k) > 0).Average(F1);

    public double Accuracy => (double)Enumerable.Range(0, BehaviourCodes.Count).Sum(k => _confusion[k, k]) / Count;

    /// <summary>Share of true reflections (simple or complex) predicted as either reflection.</summary>
    public double ReflectionRecall => Share(truthReflection: true);

    /// <summary>Share of other turns predicted as a reflection.</summary>
    public double OtherCalledReflection => Share(truthReflection: false);

    private double Share(bool truthReflection)
    {
        int hits = 0, all = 0;
        for (var t = 0; t < BehaviourCodes.Count; t++)
        {
            if (BehaviourCodes.IsReflection((BehaviourCode)t) != truthReflection)
            {
                continue;
            }

            for (var p = 0; p < BehaviourCodes.Count; p++)
            {
                all += _confusion[t, p];
                hits += BehaviourCodes.IsReflection((BehaviourCode)p) ? _confusion[t, p] : 0;
            }
        }

        return all == 0 ? 0 : (double)hits / all;
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"n {Count}, accuracy {Accuracy:0.000}, macro F1 {MacroF1:0.000}, reflection recall {ReflectionRecall:0.000}, other turns called reflections {OtherCalledReflection:0.000}");

    public string Table()
    {
        var text = new StringBuilder("| code | n | precision | recall | F1 |\n|---|---:|---:|---:|---:|\n");
        for (var k = 0; k < BehaviourCodes.Count; k++)
        {
            if (Support(k) > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {BehaviourCodes.Name((BehaviourCode)k)} | {Support(k)} | {Precision(k):0.00} | {Recall(k):0.00} | {F1(k):0.00} |\n");
            }
        }

        return text.ToString();
    }
}
