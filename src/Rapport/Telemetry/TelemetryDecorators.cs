using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Rapport.Storage;

namespace Rapport.Telemetry;

/// <summary>Wraps a store or an embedder with Rapport's tracing decorators, once.</summary>
public static class TelemetryDecorators
{
    /// <summary>Returns <paramref name="store"/> wrapped in a <see cref="TracingMemoryStore"/>, or itself when it is already traced.</summary>
    public static IMemoryStore WithTracing(this IMemoryStore store, TelemetryPrivacy? privacy = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store is TracingMemoryStore || (store as DelegatingMemoryStore)?.GetInner<TracingMemoryStore>() is not null
            ? store
            : new TracingMemoryStore(store, privacy);
    }

    /// <summary>Returns <paramref name="embedder"/> behind Microsoft.Extensions.AI's <c>UseOpenTelemetry()</c> on the
    /// <c>Rapport</c> source, or itself when it already reports to an <see cref="ActivitySource"/>.</summary>
    /// <remarks>The GenAI <c>embeddings</c> spans carry the model, dimensions and token usage; the input text only when
    /// <see cref="TelemetryPrivacy.IncludeSensitiveData"/> is on. The returned generator must not be disposed by a caller
    /// that does not own <paramref name="embedder"/>: disposing it disposes the inner generator.</remarks>
    public static IEmbeddingGenerator<string, Embedding<float>> WithTracing(
        this IEmbeddingGenerator<string, Embedding<float>> embedder, TelemetryPrivacy? privacy = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        if (embedder.GetService<ActivitySource>() is not null)
        {
            return embedder;
        }

        var sensitive = (privacy ?? TelemetryPrivacy.Default).IncludeSensitiveData;
        return new EmbeddingGeneratorBuilder<string, Embedding<float>>(embedder)
            .UseOpenTelemetry(loggerFactory, RapportTelemetryNames.SourceName, generator => generator.EnableSensitiveData = sensitive)
            .Build();
    }
}
