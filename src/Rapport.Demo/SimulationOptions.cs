using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Rapport.Demo;

/// <summary>Configures the simulated cohort.</summary>
public sealed class SimulationOptions
{
    /// <summary>The most interventions a session may have.</summary>
    public const int MaxTurnsPerSession = 5;

    /// <summary>Gets or sets the number of users.</summary>
    /// <value>The default is 200.</value>
    public int Users { get; set; } = 200;

    /// <summary>Gets or sets the number of sessions per user.</summary>
    /// <value>The default is 10.</value>
    public int Sessions { get; set; } = 10;

    /// <summary>Gets or sets the interventions per session, 1-5.</summary>
    /// <value>The default is 5.</value>
    public int TurnsPerSession { get; set; } = MaxTurnsPerSession;

    /// <summary>Gets or sets the seed; the same seed gives the same report.</summary>
    /// <value>The default is 1.</value>
    public int Seed { get; set; } = 1;

    /// <summary>Gets or sets the data folder the Rapport coach's store is created in (it must be empty or absent).</summary>
    public required string DataFolder { get; set; }

    /// <summary>Gets or sets the embedder. Unless it is a <see cref="PhrasingEmbeddingCache"/> (pass one to share it between runs,
    /// for example several seeds), it is wrapped in one, since phrasings repeat.</summary>
    public required IEmbeddingGenerator<string, Embedding<float>> Embedder { get; set; }

    /// <summary>Gets or sets the scorers every Rapport turn is evaluated with.</summary>
    /// <value>The default is none.</value>
    public IReadOnlyList<IEvaluator> Scorers { get; set; } = [];

    /// <summary>Gets or sets the learning options of the Rapport coach, or <see langword="null"/> for the defaults.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Rapport.Learning.LearningOptions? Learning { get; set; }

    /// <summary>Gets or sets how many users run at once within a session.</summary>
    /// <value>The default is the number of processors.</value>
    public int Parallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Throws unless the options are usable; the message names the bad value and the accepted range.</summary>
    public void Validate()
    {
        Check(Users, 1, 100_000, "users");
        Check(Sessions, 1, 1_000, "sessions");
        Check(TurnsPerSession, 1, MaxTurnsPerSession, "interventions per session");
        Check(Parallelism, 1, 256, "parallelism");
        ArgumentException.ThrowIfNullOrWhiteSpace(DataFolder);
        ArgumentNullException.ThrowIfNull(Embedder);
    }

    private static void Check(int value, int min, int max, string what)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(what, value, $"Invalid number of {what} {value}: use {min}-{max}.");
        }
    }
}
