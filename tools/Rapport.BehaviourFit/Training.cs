using Rapport.Evaluation.Behaviour;

namespace Rapport.BehaviourFit;

/// <summary>Loads the feature tables the fit needs: the self-written splits and ESConv's (when the shared data is there).</summary>
internal sealed class Training
{
    public required FeatureTable SelfTrain { get; init; }

    public FeatureTable? SelfValid { get; init; }

    public FeatureTable? SelfTest { get; init; }

    public FeatureTable? EsconvTrain { get; init; }

    public FeatureTable? EsconvValid { get; init; }

    public FeatureTable? EsconvTest { get; init; }

    public required List<(string Name, string Path, int Pairs)> Sources { get; init; }

    public static string DataFolder(string repository) => Path.Combine(repository, "data", "counselling-behaviour");

    /// <summary>Loads the training tables, and the validation and test ones unless <paramref name="trainOnly"/>.</summary>
    public static Training Load(string repository, string? shared, EmbeddingCache? embedder, bool trainOnly)
    {
        var folder = DataFolder(repository);
        var esconv = shared is null ? null : Path.Combine(shared, "esconv");
        FeatureTable Self(string split) => FeatureTable.Build(SelfWrittenSet.Read(folder, split), embedder);
        FeatureTable? Esconv(string split, int every) =>
            esconv is null ? null : FeatureTable.Build(BehaviourFit.Esconv.Read(Path.Combine(esconv, split + ".jsonl"), every), embedder);
        var selfTrain = Self("train");
        var esconvTrain = Esconv("train", FitSettings.EsconvTrainEvery);
        List<(string, string, int)> sources = [("data/counselling-behaviour/train.jsonl", Path.Combine(folder, "train.jsonl"), selfTrain.Pairs.Count)];
        if (esconvTrain is not null)
        {
            sources.Add(("../shared/data/esconv/train.jsonl", Path.Combine(esconv!, "train.jsonl"), esconvTrain.Pairs.Count));
        }

        return new Training
        {
            SelfTrain = selfTrain,
            EsconvTrain = esconvTrain,
            SelfValid = trainOnly ? null : Self("valid"),
            SelfTest = trainOnly ? null : Self("test"),
            EsconvValid = trainOnly ? null : Esconv("valid", FitSettings.EsconvEvaluateEvery),
            EsconvTest = trainOnly ? null : Esconv("test", FitSettings.EsconvEvaluateEvery),
            Sources = sources,
        };
    }

    /// <summary>Fits one model and renders nothing: the weights for <paramref name="kind"/> with <paramref name="settings"/>.</summary>
    public double[] Fit(BehaviourModelKind kind, FitSettings settings) => Fitter.Fit(SelfTrain, EsconvTrain, kind, settings);
}
