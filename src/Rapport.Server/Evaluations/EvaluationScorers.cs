using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Evaluation;
using Rapport.Evaluation.Scorers;

namespace Rapport.Server.Evaluations;

/// <summary>Turns the scorer names of a request into the offline scorers (the same ones <c>rapport eval run --scorer</c> builds).</summary>
internal static class EvaluationScorers
{
    /// <summary>The conversation-level behaviour scorer's name.</summary>
    public const string Conversation = "conversation";

    /// <summary>The names accepted.</summary>
    public static readonly string[] Names = [ScorerNames.Quality, ScorerNames.Brevity, ScorerNames.Supportiveness, ScorerNames.ToolUsage, Conversation];

    /// <summary>Returns the scorers; none named means quality (which includes brevity, supportiveness and tool usage).</summary>
    /// <exception cref="ArgumentException">A name is unknown, or names a judge (which needs a chat model the server does not configure).</exception>
    public static List<IEvaluator> Create(IReadOnlyCollection<string>? names, IEmbeddingGenerator<string, Embedding<float>>? embedder)
    {
        names ??= [];
        foreach (var name in names)
        {
            if (name.Contains("judge", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"Scorer '{name}' needs a judge model, which the server does not configure; use rapport eval run --judge, or one of {string.Join(", ", Names)}.", "scorers");
            }

            if (!Names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"Unknown scorer '{name}': use {string.Join(", ", Names)}.", "scorers");
            }
        }

        var wanted = names.Select(n => n.ToLowerInvariant()).Distinct().ToList();
        if (wanted.Count == 0 || wanted.Contains(ScorerNames.Quality))
        {
            List<IEvaluator> quality = [new QualityEvaluator([new BrevityEvaluator(), new SupportivenessEvaluator(embedder: embedder), new ToolUsageEvaluator()])];
            if (wanted.Contains(Conversation))
            {
                quality.Add(new ConversationBehaviourEvaluator(embedder: embedder));
            }

            return quality;
        }

        return [.. wanted.Select<string, IEvaluator>(name => name switch
        {
            ScorerNames.Brevity => new BrevityEvaluator(),
            ScorerNames.Supportiveness => new SupportivenessEvaluator(embedder: embedder),
            Conversation => new ConversationBehaviourEvaluator(embedder: embedder),
            _ => new ToolUsageEvaluator(),
        })];
    }
}
