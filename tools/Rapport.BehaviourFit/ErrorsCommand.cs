using System.Text;
using Rapport.Evaluation.Behaviour;

namespace Rapport.BehaviourFit;

/// <summary>errors: the shipped MiniLM model's mistakes on the self-written validation split, for error analysis (never the test split).</summary>
internal static class ErrorsCommand
{
    public static async Task<string> RunAsync(string repository)
    {
        using var cache = new EmbeddingCache();
        using var embedder = new CachedMiniLm(cache);
        var pairs = SelfWrittenSet.Read(Training.DataFolder(repository), "valid");
        var predictions = await new BehaviourClassifier(embedder).ClassifyAsync([.. pairs.Select(p => new BehaviourPair(p.Previous, p.Turn))]);
        var text = new StringBuilder();
        foreach (var (pair, prediction) in pairs.Zip(predictions).Where(x => x.First.Code != x.Second.Code).OrderBy(x => x.First.Code))
        {
            text.AppendLine($"{BehaviourCodes.Name(pair.Code)} -> {BehaviourCodes.Name(prediction.Code)} ({prediction.Probability(prediction.Code):0.00}): {pair.Turn}    [after: {pair.Previous[..Math.Min(80, pair.Previous.Length)]}]");
        }

        return text.ToString();
    }
}
