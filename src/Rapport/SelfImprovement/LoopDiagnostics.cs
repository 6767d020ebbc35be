using System.Diagnostics;
using Rapport.Telemetry;

namespace Rapport.SelfImprovement;

/// <summary>The span names of the self-improvement loop; spans start on Rapport's one source and the context size goes to its meter.</summary>
internal static class LoopDiagnostics
{
    public const string ContextBuildSpan = "rapport.context.build";
    public const string RecommendSpan = "rapport.learning.recommend";
    public const string RecordSpan = "rapport.loop.record";
    public const string ReflectSpan = "rapport.loop.reflect";
    public const string ChatSpan = "rapport.chat";

    public static ActivitySource Source => RapportTelemetry.Source;

    public static void RecordContextTokens(Activity? activity, int tokens) => RapportTelemetry.RecordContextTokens(activity, tokens);
}
