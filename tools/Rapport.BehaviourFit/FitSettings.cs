namespace Rapport.BehaviourFit;

/// <summary>The hyper-parameters of one model's fit: the L2 penalty and the total weight of ESConv rows relative to the self-written rows.</summary>
internal sealed record FitSettings(double Lambda, double EsconvWeight)
{
    public static readonly double[] Lambdas = [0.001, 0.003, 0.01, 0.03, 0.1];

    public static readonly double[] EsconvWeights = [0, 0.25, 1];

    /// <summary>ESConv training dialogs kept: those whose index modulo this is 0 (keeps embedding the rows within a test's time).</summary>
    public const int EsconvTrainEvery = 4;

    /// <summary>ESConv validation and test dialogs kept for figures.</summary>
    public const int EsconvEvaluateEvery = 1;
}
