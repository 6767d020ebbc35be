using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rapport.Configuration;
using Rapport.Embeddings;
using Rapport.Memory;
using Rapport.Storage;

#pragma warning disable IDE0130 // Extension methods for IServiceCollection live in its namespace, by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers Rapport in a service collection.</summary>
public static class RapportServiceCollectionExtensions
{
    /// <summary>Adds Rapport's memory service, store and embedder. Safe to call more than once.</summary>
    /// <remarks>
    /// The store is opened from <see cref="RapportOptions.Store"/> by a registered provider (call <c>UseSqlite()</c>
    /// or <c>UseRedis(...)</c> in <paramref name="configure"/>). The embedder is created by the provider named by
    /// <see cref="RapportOptions.Embedder"/>, else <c>RAPPORT_EMBEDDER</c>, else <see cref="RapportOptions.DefaultEmbedder"/>
    /// (the local all-MiniLM-L6-v2 model after <c>options.UseLocalEmbeddings()</c>, else the hashing embedder). An
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> registered before or after this call replaces it; a
    /// <see cref="TimeProvider"/> registered likewise replaces the system clock.
    /// </remarks>
    public static IServiceCollection AddRapport(this IServiceCollection services, Action<RapportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<RapportOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.Validate(
            options =>
            {
                options.Validate();
                return true;
            });

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
                    sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance);
                return options.OpenStore(context);
            });
        services.TryAddSingleton(
            sp => new RapportMemory(
                sp.GetRequiredService<IMemoryStore>(),
                sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
                sp.GetRequiredService<IOptions<RapportOptions>>().Value.Retention,
                sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
