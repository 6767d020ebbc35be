namespace Rapport.Cli.Output;

/// <summary>The recall of one question category, as printed with <c>--json</c>.</summary>
internal sealed record RetrievalBenchCategoryJson(int Category, int Questions, Dictionary<string, double> Recall);
