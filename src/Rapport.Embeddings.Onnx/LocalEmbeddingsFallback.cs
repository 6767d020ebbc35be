using Microsoft.Extensions.Logging;

namespace Rapport.Embeddings.Onnx;

/// <summary>Says, once per process, that the local model is absent and Rapport uses the hashing embedder instead.</summary>
/// <remarks>
/// The notice goes to the logger when it logs warnings, else to standard error, so a host without logging (the CLI)
/// still shows it. Later fallbacks in the same process stay quiet.
/// </remarks>
public static class LocalEmbeddingsFallback
{
    private static int _noticed;

    /// <summary>Gets a value indicating whether the notice was given in this process.</summary>
    public static bool Noticed => Volatile.Read(ref _noticed) != 0;

    /// <summary>Returns the notice for a model expected in <paramref name="modelDirectory"/>.</summary>
    public static string Message(string modelDirectory) =>
        $"Rapport: the local embedding model ({MiniLmModel.ModelId}) is not in '{modelDirectory}', so Rapport falls back to the " +
        $"hashing embedder (lexical: it matches shared words, not meaning). {MiniLmModel.HowToGet} " +
        "Memories keep the embedder that wrote them; set RAPPORT_EMBEDDER=hashing to silence this.";

    /// <summary>Gives the notice unless it was given already; returns whether it was given now.</summary>
    public static bool Notify(ILogger logger, string modelDirectory)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (Interlocked.Exchange(ref _noticed, 1) != 0)
        {
            return false;
        }

        var message = Message(modelDirectory);
        if (logger.IsEnabled(LogLevel.Warning))
        {
#pragma warning disable CA1848, CA2254 // One message per process: a source-generated logger method buys nothing here.
            logger.LogWarning(message);
#pragma warning restore CA1848, CA2254
        }
        else
        {
            Console.Error.WriteLine(message);
        }

        return true;
    }

    /// <summary>Forgets that the notice was given (tests only).</summary>
    internal static void Reset() => Interlocked.Exchange(ref _noticed, 0);
}
