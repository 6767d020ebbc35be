namespace Rapport.Cli.Output;

/// <summary>The result of <c>rapport forget</c> as printed with <c>--json</c>.</summary>
internal sealed record ForgetJson(string UserId, long Removed);
