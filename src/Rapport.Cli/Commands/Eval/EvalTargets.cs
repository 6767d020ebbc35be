using Rapport.Cli.Hosting;
using Rapport.Evaluation.Datasets;
using Rapport.Evaluation.Targets;

namespace Rapport.Cli.Commands.Eval;

/// <summary>Turns a <c>--target</c> value into an evaluation target.</summary>
internal static class EvalTargets
{
    /// <summary>The prefix of a chat-model target.</summary>
    public const string ChatPrefix = "chat:";

    /// <summary>What <c>--target</c> accepts, for help and errors.</summary>
    public const string Accepted =
        "recorded:<responses.jsonl> (or a path to a .jsonl file of recorded responses), or chat:<provider>:<model>[@<endpoint>] " +
        "(a live chat model: openai for any OpenAI-compatible server, or ollama; chat alone uses " +
        ChatModelSettings.ProviderVariable + " and " + ChatModelSettings.ModelVariable + ")";

    /// <summary>The system prompt a chat-model target answers under: the built-in coach's brief.</summary>
    /// <remarks>Part of the target's configuration hash, so runs under another prompt do not compare as the same target.</remarks>
    public const string CoachSystemPrompt =
        "You are a warm, brief supportive coach. Answer in at most three sentences. Reflect what the person said, then suggest one small, concrete thing to try.";

    /// <summary>Opens the target named by <paramref name="spec"/>; without one, a dataset made only of transcripts needs none.</summary>
    /// <returns>The target, and what to dispose after the run (the chat client of a chat target), or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException">The value names no known kind of target, or none is given for cases that need one.</exception>
    public static async Task<(IEvaluationTarget Target, IDisposable? Owned)> OpenAsync(
        string? spec, EvaluationDataset dataset, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(spec))
        {
            var needing = dataset.Cases.Count(c => c.Transcript.Count == 0);
            return needing == 0 ? (new TranscriptsOnlyTarget(), null) : throw new ArgumentException(
                $"--target is required: {needing} case(s) of dataset '{dataset.Name}' are not transcripts and need something to answer them ({Accepted}).");
        }

        if (spec.StartsWith("recorded:", StringComparison.OrdinalIgnoreCase))
        {
            return (await RecordedResponsesTarget.LoadAsync(spec["recorded:".Length..], cancellationToken), null);
        }

        if (spec.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            return (await RecordedResponsesTarget.LoadAsync(spec, cancellationToken), null);
        }

        if (spec.Equals("chat", StringComparison.OrdinalIgnoreCase) || spec.StartsWith(ChatPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var model = spec.Length > ChatPrefix.Length ? spec[ChatPrefix.Length..] : null;
            var settings = ChatModelSettings.Resolve(model, environment, "--target chat:")
                ?? throw new ArgumentException($"--target chat names no model and {ChatModelSettings.ProviderVariable} is not set: use {Accepted}.");
            var client = settings.CreateConversationClient();
            return (new ChatClientTarget(client, CoachSystemPrompt, description: $"chat:{settings.Provider}:{settings.Model}"), client);
        }

        throw new ArgumentException($"Invalid --target '{spec}': use {Accepted}.");
    }
}
