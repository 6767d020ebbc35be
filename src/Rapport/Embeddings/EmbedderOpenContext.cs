using Microsoft.Extensions.Logging;

namespace Rapport.Embeddings;

/// <summary>What an embedder provider gets to create an embedder.</summary>
/// <param name="Name">The embedder name selected, for example <c>hashing</c> or <c>minilm</c>.</param>
/// <param name="IsExplicit">Whether the name was asked for (<c>RAPPORT_EMBEDDER</c>, options) rather than the default;
/// a provider may fall back (saying so) only when it was not.</param>
/// <param name="Home">The data folder.</param>
/// <param name="LoggerFactory">Where the embedder logs.</param>
public sealed record EmbedderOpenContext(string Name, bool IsExplicit, string Home, ILoggerFactory LoggerFactory);
