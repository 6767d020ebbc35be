using Microsoft.Extensions.AI.Evaluation;
using Rapport.Evaluation;
using Rapport.Evaluation.Scorers;

namespace Rapport.Cli.Commands.Eval;

/// <summary>Turns <c>--scorer</c> names into offline scorers.</summary>
internal static class EvalScorers
{
    /// <summary>The names <c>--scorer</c> accepts.</summary>
    public static readonly string[] Names = [ScorerNames.Quality, ScorerNames.Brevity, ScorerNames.Supportiveness, ScorerNames.ToolUsage];

    /// <summary>Returns the scorers; none named means quality (which includes brevity, supportiveness and tool usage).</summary>
    /// <exception cref="ArgumentException">A name is not known.</exception>
    public static List<IEvaluator> Create(IReadOnlyCollection<string> names)
    {
        if (names.Count == 0 || names.Contains(ScorerNames.Quality, StringComparer.OrdinalIgnoreCase))
        {
            foreach (var unknown in names.Where(n => !Names.Contains(n, StringComparer.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"Unknown --scorer '{unknown}': use {string.Join(", ", Names)}.");
            }

            return [new QualityEvaluator()];
        }

        return names.Distinct(StringComparer.OrdinalIgnoreCase).Select(IEvaluator (name) => name.ToLowerInvariant() switch
        {
            ScorerNames.Brevity => new BrevityEvaluator(),
            ScorerNames.Supportiveness => new SupportivenessEvaluator(),
            ScorerNames.ToolUsage => new ToolUsageEvaluator(),
            _ => throw new ArgumentException($"Unknown --scorer '{name}': use {string.Join(", ", Names)}."),
        }).ToList();
    }
}
