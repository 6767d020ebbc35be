using System.Globalization;
using System.Text.RegularExpressions;
using Rapport.BehaviourFit;
using Rapport.Embeddings.Onnx;
using Rapport.Evaluation.Behaviour;
using Rapport.Evaluation.Tests.Datasets;

namespace Rapport.Evaluation.Tests.Tools;

/// <summary>tools/Rapport.BehaviourFit reproduces what is committed: the split files exactly, and the shipped weights.</summary>
/// <remarks>
/// The weights file is compared as text with every number masked, then number by number within
/// <see cref="WeightTolerance"/>. The fit starts from MiniLM embeddings, and ONNX Runtime's kernels for AVX2 and AVX-512 sum in
/// different orders: the same fit on the two kinds of CPU differed in 469 of 5,220 printed numbers, by at most 0.0003
/// (the file prints four decimals; 2026-12-04, an AVX-512 machine against weights fitted on AVX2). Bit for bit holds only
/// on one kind of CPU.
/// </remarks>
public sealed partial class BehaviourFitReproductionTests
{
    // Ten times the cross-CPU difference measured, far below any change of data or settings (those move weights by tenths).
    private const double WeightTolerance = 0.003;

    private static readonly string Repository = EvaluationDatasetReaderTests.RepositoryRoot();

    [Fact]
    public void Split_ReproducesTheCommittedSplitFiles()
    {
        var folder = Directory.CreateTempSubdirectory("rapport-split-").FullName;
        try
        {
            var raw = Path.Combine(Training.DataFolder(Repository), "raw");
            Directory.CreateDirectory(Path.Combine(folder, "raw"));
            foreach (var file in Directory.GetFiles(raw))
            {
                File.Copy(file, Path.Combine(folder, "raw", Path.GetFileName(file)));
            }

            SelfWrittenSet.Split(folder);

            foreach (var split in SelfWrittenSet.Splits)
            {
                Assert.Equal(File.ReadAllText(Path.Combine(Training.DataFolder(Repository), split + ".jsonl")), File.ReadAllText(Path.Combine(folder, split + ".jsonl")));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Split_KeepsEveryScenarioInOneSplit()
    {
        var scenarios = SelfWrittenSet.Splits
            .SelectMany(split => SelfWrittenSet.Read(Training.DataFolder(Repository), split).Select(p => (p.Group, split)))
            .Distinct().GroupBy(x => x.Group);

        Assert.All(scenarios, g => Assert.Single(g));
    }

    [Fact]
    public void Fit_ReproducesTheShippedWeights()
    {
        var usesEsconv = BehaviourModelWeights.LexicalEsconvWeight > 0 || BehaviourModelWeights.MiniLmEsconvWeight > 0;
        var shared = Environment.GetEnvironmentVariable("RAPPORT_SHARED_DATA") ?? Path.Combine(Repository, "..", "shared", "data");
        if (usesEsconv && !File.Exists(Path.Combine(shared, "esconv", "train.jsonl")))
        {
            Assert.Skip($"The shipped weights were fitted with ESConv rows, and ESConv is not at '{Path.GetFullPath(shared)}/esconv' " +
                "(the shared data folder is not part of a clone; set RAPPORT_SHARED_DATA to its data folder to run this check).");
        }

        if (!new ModelFiles(ModelLocation.ResolveModelDirectory()).Exist)
        {
            Assert.Skip($"The MiniLM model is not in {ModelLocation.ResolveModelDirectory()}; build the repository once (it fetches the model).");
        }

        using var embeddings = new EmbeddingCache();
        var training = Training.Load(Repository, usesEsconv ? shared : null, embeddings, trainOnly: true);
        var lexical = new FitSettings(BehaviourModelWeights.LexicalLambda, BehaviourModelWeights.LexicalEsconvWeight);
        var miniLm = new FitSettings(BehaviourModelWeights.MiniLmLambda, BehaviourModelWeights.MiniLmEsconvWeight);

        var file = WeightsFile.Render(training.Sources, lexical, miniLm,
            training.Fit(BehaviourModelKind.Lexical, lexical), training.Fit(BehaviourModelKind.MiniLm, miniLm));

        var shipped = File.ReadAllText(Path.Combine(Repository, WeightsFile.RelativePath(Repository)));
        var hint = "re-run " + WeightsFile.Command + " and commit the file, or find what made the fit non-deterministic.";
        Assert.True(Number().Replace(file, "#") == Number().Replace(shipped, "#"), "The refit's file differs from the shipped one beyond its numbers: " + hint);
        var refit = Number().Matches(file).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
        var committed = Number().Matches(shipped).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
        var worst = refit.Zip(committed, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst <= WeightTolerance, $"The refit differs from the shipped weights by up to {worst} (tolerance {WeightTolerance}): " + hint);
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE]-?\d+)?")]
    private static partial Regex Number();
}
