using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Rapport.SelfImprovement;

/// <summary>The spans and the context-size metric of the self-improvement loop, on Rapport's source and meter (named <c>Rapport</c>).</summary>
internal static class LoopDiagnostics
{
    public const string SourceName = "Rapport";
    public const string ContextBuildSpan = "rapport.context.build";
    public const string ContextTokensTag = "rapport.context.tokens";
    public const string RecommendSpan = "rapport.learning.recommend";
    public const string RecordSpan = "rapport.loop.record";
    public const string ReflectSpan = "rapport.loop.reflect";
    public const string ChatSpan = "rapport.chat";

    public static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(SourceName);

    private static readonly Histogram<int> ContextTokens = Meter.CreateHistogram<int>(
        ContextTokensTag, "{token}", "Size of the memory context injected into a prompt.");

    public static void RecordContextTokens(Activity? activity, int tokens)
    {
        activity?.SetTag(ContextTokensTag, tokens);
        if (ContextTokens.Enabled)
        {
            ContextTokens.Record(tokens);
        }
    }
}
