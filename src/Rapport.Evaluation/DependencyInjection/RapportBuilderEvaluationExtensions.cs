using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Rapport.Evaluation.Scorers;

#pragma warning disable IDE0130 // Builder extensions live in the builder's namespace, by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Adds Rapport's scorers to the loop that <c>AddRapport(...)</c> registers.</summary>
public static class RapportBuilderEvaluationExtensions
{
    /// <summary>Registers the built-in offline scorers as <see cref="IEvaluator"/>s: <see cref="QualityEvaluator"/>, which reports
    /// brevity, supportiveness and tool usage and their weighted quality. Safe to call more than once.</summary>
    /// <remarks>Every completed turn is scored with every registered <see cref="IEvaluator"/>; register your own beside these.
    /// Supportiveness reads with Rapport's embedder (made on the first score, not before): the behaviour model fitted on
    /// all-MiniLM-L6-v2 runs when that is the embedder, the weaker lexical one otherwise. A completed turn hands the scorer the
    /// situation's vector from prepare, so scoring embeds only the response.</remarks>
    /// <returns>The same builder.</returns>
    public static IRapportBuilder AddScorers(this IRapportBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IEvaluator, QualityEvaluator>(sp => new QualityEvaluator(
        [
            new BrevityEvaluator(),
            new SupportivenessEvaluator(null, () => sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>()),
            new ToolUsageEvaluator(),
        ])));
        return builder;
    }
}
