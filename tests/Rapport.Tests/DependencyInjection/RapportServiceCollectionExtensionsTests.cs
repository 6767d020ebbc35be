using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Rapport.Configuration;
using Rapport.Embeddings;
using Microsoft.Extensions.Options;
using Rapport.Coaching;
using Rapport.Memory;
using Rapport.SelfImprovement;
using Rapport.Sqlite;
using Rapport.Storage;
using Rapport.Tests.Configuration;

namespace Rapport.Tests.DependencyInjection;

[Collection(EnvironmentCollection.Name)]
public sealed class RapportServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-di-").FullName;
    private readonly EnvironmentVariables _environment = new EnvironmentVariables()
        .Set(RapportPaths.HomeVariable, null)
        .Set(RapportPaths.StoreVariable, null);

    public void Dispose()
    {
        _environment.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AddRapport_UseSqliteInAFolder_ResolvesAWorkingMemory()
    {
        var path = Path.Combine(_folder, "memories.db");
        await using var provider = new ServiceCollection().AddRapport(o => o.UseSqlite(path)).Services.BuildServiceProvider();

        var memory = provider.GetRequiredService<RapportMemory>();
        var stored = await memory.RecordAsync(
            new NewIntervention { UserId = "ana", Situation = "tense before my talk", Kind = "breathing", Text = "Breathe with me." });
        var hits = await memory.RecallAsync(new RecallRequest { UserId = "ana", Query = "tense before a talk" });

        // Traced by default: the registered store is the SQLite store behind the tracing decorator.
        var registered = Assert.IsType<Rapport.Telemetry.TracingMemoryStore>(provider.GetRequiredService<IMemoryStore>());
        Assert.Same(registered, memory.Store);
        var store = Assert.IsType<SqliteMemoryStore>(registered.GetInner<SqliteMemoryStore>());
        Assert.Equal(path, store.Path);
        Assert.True(File.Exists(path));
        Assert.Equal(stored.Id, Assert.Single(hits).Intervention.Id);
        Assert.Equal("hashing-384", memory.EmbeddingModel);
    }

    [Fact]
    public async Task AddRapport_DefaultWiring_NewUsersFirstRecommendationFollowsThePopulation()
    {
        // The default wiring wraps the store in the tracing decorator; the population prior must be found through it.
        await using var provider = new ServiceCollection().AddRapport(o => o.UseSqlite(Path.Combine(_folder, "rapport.db"))).Services.BuildServiceProvider();
        var loop = provider.GetRequiredService<RapportLoop>();
        var memory = loop.Memory;
        for (var i = 0; i < 4; i++)
        {
            var stored = await memory.RecordAsync(
                new NewIntervention { UserId = $"user-{i}", Situation = "Stressed about work", Kind = "reframe", Text = "Let's look at it another way." });
            await memory.SetOutcomeAsync(stored.Id, InterventionOutcome.Helped);
        }

        var turn = await loop.PrepareTurnAsync(new TurnRequest { UserId = "newcomer", Situation = "Stressed about work", Kinds = ["break", "breathing", "reframe"] });
        var recommendation = turn.Recommendation;

        // "reframe" sorts last, so without the population's rates a tie would put "break" first.
        Assert.Equal("reframe", recommendation.Best.Kind);
        Assert.Equal(0, recommendation.Best.Outcomes);
        Assert.True(recommendation.Best.PopulationRate > 0.5, $"population rate {recommendation.Best.PopulationRate}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddRapport_SynchronousDispose_DisposesTheStoreWithoutThrowing(bool traced)
    {
        // A host that disposes its container synchronously (using var provider = ...) must not fail on the store.
        var provider = new ServiceCollection().AddRapport(o =>
        {
            o.UseSqlite(Path.Combine(_folder, "memories.db"));
            o.Telemetry.Enabled = traced;
        }).Services.BuildServiceProvider();
        var memory = provider.GetRequiredService<RapportMemory>();
        await memory.RecordAsync(new NewIntervention { UserId = "ana", Situation = "tense before my talk", Kind = "breathing", Text = "Breathe with me." });

        var error = Record.Exception(provider.Dispose);

        Assert.Null(error);
    }

    [Fact]
    public async Task AddRapport_HomeWithoutStore_UsesRapportDbInHome()
    {
        await using var provider = new ServiceCollection().AddRapport(o => o.UseSqlite().Home = _folder).Services.BuildServiceProvider();

        var store = provider.GetRequiredService<IMemoryStore>();

        Assert.Equal($"sqlite:{Path.Combine(_folder, "rapport.db")}", store.Description);
    }

    [Fact]
    public async Task AddRapport_StoreVariable_IsNotReadByTheCore()
    {
        // Hosts bind RAPPORT_STORE into configuration; AddRapport alone never reads the environment.
        _environment.Set(RapportPaths.StoreVariable, $"sqlite:{Path.Combine(_folder, "from-variable.db")}");
        await using var provider = new ServiceCollection().AddRapport(o => o.UseSqlite().Home = _folder).Services.BuildServiceProvider();

        Assert.Equal($"sqlite:{Path.Combine(_folder, "rapport.db")}", provider.GetRequiredService<IMemoryStore>().Description);
    }

    [Fact]
    public async Task AddRapport_CalledTwice_RegistersOnceAndAppliesBothConfigurations()
    {
        var services = new ServiceCollection();
        services.AddRapport(o => o.UseSqlite(Path.Combine(_folder, "rapport.db")));
        services.AddRapport(o => o.Retention.Interventions = TimeSpan.FromDays(3));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
        services.AddSingleton<TimeProvider>(time);
        await using var provider = services.BuildServiceProvider();

        var stored = await provider.GetRequiredService<RapportMemory>().RecordAsync(
            new NewIntervention { UserId = "ana", Situation = "tense", Kind = "breathing", Text = "Breathe." });

        Assert.Single(services, d => d.ServiceType == typeof(RapportMemory));
        Assert.Single(services, d => d.ServiceType == typeof(IMemoryStore));
        Assert.Single(services, d => d.ServiceType == typeof(IEmbeddingGenerator<string, Embedding<float>>));
        Assert.Same(provider.GetRequiredService<RapportMemory>(), provider.GetRequiredService<RapportMemory>());
        Assert.Equal(time.GetUtcNow(), stored.CreatedAt);
        Assert.Equal(time.GetUtcNow().AddDays(3), stored.ExpiresAt);
    }

    [Fact]
    public async Task AddRapport_EmbedderRegisteredBefore_ReplacesTheHashingDefault()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new HashingEmbeddingGenerator(64));
        services.AddRapport(o => o.UseSqlite(Path.Combine(_folder, "rapport.db")));
        await using var provider = services.BuildServiceProvider();

        Assert.Equal("hashing-64", provider.GetRequiredService<RapportMemory>().EmbeddingModel);
    }

    [Fact]
    public async Task AddRapport_EmbedderRegisteredAfter_ReplacesTheHashingDefault()
    {
        var services = new ServiceCollection().AddRapport(o => o.UseSqlite(Path.Combine(_folder, "rapport.db"))).Services;
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new HashingEmbeddingGenerator(64));
        await using var provider = services.BuildServiceProvider();

        Assert.Equal("hashing-64", provider.GetRequiredService<RapportMemory>().EmbeddingModel);
    }

    [Fact]
    public async Task AddRapport_InvalidRetention_FailsOnResolveWithTheReason()
    {
        await using var provider = new ServiceCollection()
            .AddRapport(o => o.UseSqlite(Path.Combine(_folder, "rapport.db")).Retention.Reflections = TimeSpan.Zero)
            .Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<RapportMemory>());
        var atStart = await Assert.ThrowsAsync<OptionsValidationException>(() => provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync());

        Assert.Contains("The retention of Reflection records must be more than zero", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, atStart.Message);
        Assert.False(File.Exists(Path.Combine(_folder, "rapport.db")));
    }

    [Fact]
    public async Task AddRapport_MalformedStore_SaysWhatIsAccepted()
    {
        await using var provider = new ServiceCollection().AddRapport(o => o.UseSqlite().Store = "rapport.db").Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<RapportMemory>());

        Assert.Contains(StoreLocation.Accepted, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRapport_WithoutAStoreProvider_SaysWhatToRegister()
    {
        await using var provider = new ServiceCollection().AddRapport(o => o.Home = _folder).Services.BuildServiceProvider();

        var error = Assert.ThrowsAny<ArgumentException>(() => provider.GetRequiredService<IMemoryStore>());

        Assert.Contains("options.UseSqlite()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRapport_OneRoot_RegistersTheLoopTheCoachAndWithAddScorersTheScorersOnce()
    {
        var services = new ServiceCollection();
        services.AddRapport(o => o.UseSqlite(Path.Combine(_folder, "rapport.db")).Loop.DefaultKind = "check-in").AddScorers().AddScorers();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var coach = provider.GetRequiredService<RapportCoach>();
        var turn = await coach.RespondAsync(new CoachRequest { UserId = "ana", Situation = "I feel tense before my talk" });

        Assert.Same(provider.GetRequiredService<RapportLoop>(), provider.GetRequiredService<RapportLoop>());
        Assert.Same(provider.GetRequiredService<RapportMemory>(), provider.GetRequiredService<RapportLoop>().Memory);
        Assert.IsType<Rapport.Evaluation.Scorers.QualityEvaluator>(Assert.Single(provider.GetServices<Microsoft.Extensions.AI.Evaluation.IEvaluator>()));
        // Scored by the registered scorers: the built-in quality and its parts are stored with the turn.
        Assert.NotNull(turn.Recorded.Intervention.Quality);
        Assert.Contains("brevity", turn.Recorded.Intervention.Scores.Keys);
        Assert.Equal("check-in", provider.GetRequiredService<IOptions<RapportOptions>>().Value.Loop.DefaultKind);
    }

    [Fact]
    public void AddRapport_NullServices_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => RapportServiceCollectionExtensions.AddRapport(null!));
    }
}
