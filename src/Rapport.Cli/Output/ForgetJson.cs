namespace Rapport.Cli.Output;

/// <summary>The result of <c>rapport forget</c> as printed with <c>--json</c>.</summary>
internal sealed record ForgetJson(string UserId, long Removed)
{
    /// <summary>Gets how many spans of the user's traces were removed from the local trace store.</summary>
    public long TraceSpansRemoved { get; init; }
}
