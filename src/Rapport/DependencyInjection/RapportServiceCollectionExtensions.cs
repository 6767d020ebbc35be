using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rapport.Coaching;
using Rapport.Configuration;
using Rapport.Embeddings;
using Rapport.Memory;
using Rapport.SelfImprovement;
using Rapport.Storage;
using Rapport.Telemetry;

#pragma warning disable IDE0130 // Extension methods for IServiceCollection live in its namespace, by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers Rapport in a service collection: the one composition root of hosts, samples and the CLI.</summary>
public static class RapportServiceCollectionExtensions
{
    /// <summary>Adds Rapport: the store, the embedder, the memory service, the loop and the built-in coach. Safe to call more than once.</summary>
    /// <remarks>
    /// <para>
    /// Options come through <see cref="IOptions{TOptions}"/> of <see cref="RapportOptions"/>, validated when the host starts
    /// (<c>ValidateOnStart</c>) or, without a host, when first resolved; bind a configuration section to them with
    /// <c>services.Configure&lt;RapportOptions&gt;(section)</c>. The core never reads environment variables: hosts bind them.
    /// </para>
    /// <para>
    /// The store is opened from <see cref="RapportOptions.Store"/> by a registered provider (call <c>UseSqlite()</c>
    /// or <c>UseRedis(...)</c> in <paramref name="configure"/>). The embedder is created by the provider named by
    /// <see cref="RapportOptions.Embedder"/>, else <see cref="RapportOptions.DefaultEmbedder"/> (the local all-MiniLM-L6-v2
    /// model after <c>options.UseLocalEmbeddings()</c>, else the hashing embedder), on first use: reads, forget and
    /// statistics never load it. An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> registered before or after this
    /// call replaces it; a <see cref="TimeProvider"/> registered likewise replaces the system clock. The loop scores with
    /// every registered <see cref="IEvaluator"/> (<c>AddScorers()</c> from Rapport.Evaluation adds the built-in ones).
    /// Unless <see cref="RapportOptions.Telemetry"/> says otherwise, the store and the embedder are traced
    /// (<see cref="TracingMemoryStore"/>, <c>UseOpenTelemetry()</c>) on the <c>Rapport</c> source and meter; a host adds the
    /// OpenTelemetry SDK to collect them.
    /// </para>
    /// </remarks>
    /// <returns>The builder, whose <see cref="IRapportBuilder.Services"/> is <paramref name="services"/>.</returns>
    public static IRapportBuilder AddRapport(this IServiceCollection services, Action<RapportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new RapportBuilder(services);
        services.AddOptions<RapportOptions>().ValidateOnStart();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RapportOptions>, RapportOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(
            sp =>
            {
                var options = sp.GetRequiredService<IOptions<RapportOptions>>().Value;
                return options.OpenEmbedder(RapportPaths.ResolveHome(options.Home), sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance);
            });
        services.TryAddSingleton(
            sp =>
            {
                var options = sp.GetRequiredService<IOptions<RapportOptions>>().Value;
                var home = RapportPaths.ResolveHome(options.Home);
                var context = new StoreOpenContext(
                    RapportPaths.ResolveStore(options.Store, home),
                    home,
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance) { VectorCache = options.VectorCache };
                var store = options.OpenStore(context);
                return options.Telemetry.Enabled ? store.WithTracing(sp.GetRequiredService<TelemetryPrivacy>()) : store;
            });
        services.TryAddSingleton(
            sp =>
            {
                var options = sp.GetRequiredService<IOptions<RapportOptions>>().Value;
                return TelemetryPrivacy.FromOptions(options.Telemetry, RapportPaths.ResolveHome(options.Home));
            });
        services.TryAddSingleton(CreateMemory);
        services.TryAddSingleton(
            sp => new RapportLoop(
                sp.GetRequiredService<RapportMemory>(),
                sp.GetServices<IEvaluator>(),
                sp.GetRequiredService<IOptions<RapportOptions>>().Value.Loop,
                chatClient: null,
                sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new RapportCoach(sp.GetRequiredService<RapportLoop>(), CoachChatClient(sp)));
        return builder;
    }

    // Only a client registered under the coach's key: another IChatClient in the container (an agent's) must not turn the
    // offline coach into a model-worded one.
    private static IChatClient? CoachChatClient(IServiceProvider sp) =>
        sp is IKeyedServiceProvider keyed ? keyed.GetKeyedService(typeof(IChatClient), RapportCoach.ChatClientKey) as IChatClient : null;

    private static RapportMemory CreateMemory(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<RapportOptions>>().Value;
        var privacy = sp.GetRequiredService<TelemetryPrivacy>();
        var store = sp.GetRequiredService<IMemoryStore>();
        if (options.Telemetry.Enabled)
        {
            // Tracing is on by default: with no listener the decorators pass straight through.
            store = store.WithTracing(privacy);
        }

        // The embedder is made on first use, so that forget and statistics never load a model.
        var embedder = new Lazy<IEmbeddingGenerator<string, Embedding<float>>>(() =>
        {
            var generator = sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
            return options.Telemetry.Enabled ? generator.WithTracing(privacy, sp.GetService<ILoggerFactory>()) : generator;
        });
        return new RapportMemory(store, embedder, options.Retention, sp.GetRequiredService<TimeProvider>(), options.Search)
        {
            TelemetryPrivacy = privacy,
        };
    }
}
