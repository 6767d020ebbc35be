using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Rapport.Configuration;
using Rapport.Embeddings.Onnx;

namespace Rapport.LoadBench;

/// <summary>The embedder alone (the one the server uses by default, resolved the same way) on the same texts with the same number of
/// concurrent callers: a turn embeds its situation once, so this bounds the service's turns per second.</summary>
internal static class EmbedderBaseline
{
    /// <summary>Opens the server's default embedder: <c>--embedder</c> or <c>RAPPORT_EMBEDDER</c>, else MiniLM when its model is present.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> Open(string? embedder, string home) =>
        new RapportOptions { Embedder = embedder }.UseLocalEmbeddings().OpenEmbedder(home, NullLoggerFactory.Instance);

    /// <summary>Embeds each text once, <paramref name="callers"/> at a time, one text per call (as prepare does); returns texts per second.</summary>
    public static async Task<double> EmbedsPerSecondAsync(IEmbeddingGenerator<string, Embedding<float>> embedder, IReadOnlyList<string> texts, int callers)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < texts.Count)
            {
                await embedder.GenerateAsync([texts[i]]).ConfigureAwait(false);
            }
        }))).ConfigureAwait(false);
        return texts.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Makes, per turn, the embedding calls a turn makes in the server (prepare embeds the situation; completing scores the
    /// response with the supportiveness scorer's MiniLM model, which embeds the response and takes the situation's vector from
    /// prepare), <paramref name="callers"/> turns at a time; returns turns per second: the most the service could do on the same
    /// texts if everything but embedding were free.</summary>
    public static async Task<double> TurnEmbedsPerSecondAsync(IEmbeddingGenerator<string, Embedding<float>> embedder, IReadOnlyList<int> turns, int callers)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < turns.Count)
            {
                var situation = Situations.Situation(turns[i]);
                await embedder.GenerateAsync([situation]).ConfigureAwait(false);
                await embedder.GenerateAsync([Situations.Response(turns[i])]).ConfigureAwait(false);
            }
        }))).ConfigureAwait(false);
        return turns.Count / clock.Elapsed.TotalSeconds;
    }
}
