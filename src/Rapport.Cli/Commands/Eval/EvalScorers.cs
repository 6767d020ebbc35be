using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Cli.Hosting;
using Rapport.Evaluation;
using Rapport.Evaluation.Judges;
using Rapport.Evaluation.Scorers;

namespace Rapport.Cli.Commands.Eval;

/// <summary>Turns <c>--scorer</c> names into scorers: the offline ones, and the LLM judge when a chat model is configured.</summary>
internal static class EvalScorers
{
    /// <summary>The name of the LLM supportiveness judge on the command line (its metric is <see cref="ScorerNames.SupportivenessJudge"/>).</summary>
    public const string SupportivenessJudge = "supportiveness-judge";

    /// <summary>The names <c>--scorer</c> accepts.</summary>
    public static readonly string[] Names = [ScorerNames.Quality, ScorerNames.Brevity, ScorerNames.Supportiveness, ScorerNames.ToolUsage, Conversation, SupportivenessJudge];

    /// <summary>The name of the conversation-level behaviour scorer on the command line (MITI-style indicators over every agent turn).</summary>
    public const string Conversation = "conversation";

    /// <summary>Returns whether <paramref name="names"/> asks for a judge scorer (which needs a chat model).</summary>
    public static bool WantsJudge(IReadOnlyCollection<string> names) => names.Any(IsJudge);

    /// <summary>Returns the scorers; none named means quality (which includes brevity, supportiveness and tool usage).</summary>
    /// <param name="names">The <c>--scorer</c> values.</param>
    /// <param name="judge">The chat client for judge scorers, or <see langword="null"/> when none is configured.</param>
    /// <param name="time">The clock the judge's retries wait on.</param>
    /// <param name="embedder">The embedder for the behaviour model (all-MiniLM-L6-v2 runs the embedding model), or <see langword="null"/> for the lexical one.</param>
    /// <exception cref="ArgumentException">A name is not known, or a judge is asked for without a chat model.</exception>
    public static List<IEvaluator> Create(IReadOnlyCollection<string> names, IChatClient? judge, TimeProvider time, IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
    {
        foreach (var unknown in names.Where(n => !Names.Contains(n, StringComparer.OrdinalIgnoreCase) && !IsJudge(n)))
        {
            throw new ArgumentException($"Unknown --scorer '{unknown}': use {string.Join(", ", Names)}.");
        }

        if (WantsJudge(names) && judge is null)
        {
            throw new ArgumentException($"--scorer {SupportivenessJudge} needs a chat model and none is configured: {ChatModelSettings.HowToConfigure}.");
        }

        var scorers = new List<IEvaluator>();
        if (names.Count == 0 || names.Contains(ScorerNames.Quality, StringComparer.OrdinalIgnoreCase))
        {
            scorers.Add(new QualityEvaluator([new BrevityEvaluator(), new SupportivenessEvaluator(embedder: embedder), new ToolUsageEvaluator()]));
            if (names.Contains(Conversation, StringComparer.OrdinalIgnoreCase))
            {
                scorers.Add(new ConversationBehaviourEvaluator(embedder: embedder));
            }
        }
        else
        {
            foreach (var name in names.Where(n => !IsJudge(n)).Select(n => n.ToLowerInvariant()).Distinct())
            {
                scorers.Add(name switch
                {
                    ScorerNames.Brevity => new BrevityEvaluator(),
                    ScorerNames.Supportiveness => new SupportivenessEvaluator(embedder: embedder),
                    Conversation => new ConversationBehaviourEvaluator(embedder: embedder),
                    _ => new ToolUsageEvaluator(),
                });
            }
        }

        if (WantsJudge(names))
        {
            var retry = new RetryOptions
            {
                ShouldRetry = ChatModelSettings.IsTransient,
                RetryAfter = ChatModelSettings.RetryAfterReader(time),
                TimeProvider = time,
            };
            scorers.Add(RubricJudgeEvaluator.ForSupportiveness(judge!, new JudgeOptions { Retry = retry }));
        }

        return scorers;
    }

    private static bool IsJudge(string name) =>
        name.Equals(SupportivenessJudge, StringComparison.OrdinalIgnoreCase) || name.Equals(ScorerNames.SupportivenessJudge, StringComparison.OrdinalIgnoreCase);
}
