namespace Rapport.Cli.Output;

/// <summary>The result of <c>rapport reembed</c> as printed with <c>--json</c>.</summary>
internal sealed record ReembedJson(
    string Embedder, string? PreviousEmbedder, int Users, long Reembedded, long AlreadyCurrent, long Remaining, double Seconds, double PerSecond);
