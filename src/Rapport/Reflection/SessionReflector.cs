using Microsoft.Extensions.AI;
using Rapport.Memory;
using Rapport.SelfImprovement;
using Rapport.Telemetry;

namespace Rapport.Reflection;

/// <summary>Writes a reflection when a session ends, draws insights across sessions, and updates the user's profile from them.</summary>
/// <remarks>
/// <para>
/// The reflection says what was tried, what helped and what changed; the insights name this user's best kind per type of
/// situation (situations grouped by similarity) and what stopped working. Both are computed from the user's own records.
/// With a chat client the summary and insights are written by it from those statistics (and only this user's text);
/// if it fails or answers nothing usable the offline text is kept.
/// </para>
/// <para>The profile's <c>helps_most</c> and <c>helps_least</c> preferences are updated; other preferences and facts are kept.</para>
/// </remarks>
internal sealed class SessionReflector
{
    /// <summary>The profile preference that lists the kinds that help this user most.</summary>
    public const string HelpsMostPreference = "helps_most";

    /// <summary>The profile preference that lists the kinds that help this user least.</summary>
    public const string HelpsLeastPreference = "helps_least";

    private readonly RapportMemory _memory;
    private readonly IChatClient? _chatClient;
    private readonly ReflectionOptions _options;

    /// <summary>Creates the reflector; <paramref name="chatClient"/> is optional.</summary>
    public SessionReflector(RapportMemory memory, IChatClient? chatClient = null, ReflectionOptions? options = null)
    {
        _memory = memory ?? throw new ArgumentNullException(nameof(memory));
        _chatClient = chatClient;
        _options = options ?? new ReflectionOptions();
    }

    /// <summary>Reflects on a session: stores the reflection with its insights and updates the profile.</summary>
    /// <exception cref="ArgumentException">The user or session id is invalid.</exception>
    public async Task<EndedSession> ReflectAsync(string userId, string sessionId, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateUserId(userId);
        MemoryIds.ValidateSessionId(sessionId);
        using var activity = RapportTelemetry.Source.StartActivity(RapportTelemetryNames.LoopReflectSpan);
        var all = await _memory.ListAsync(userId, _options.History, cancellationToken).ConfigureAwait(false);
        var facts = SessionFacts.From(all, sessionId, _options.SituationSimilarity);
        var summary = facts.Summary();
        var insights = facts.Insights().Take(_options.MaxInsights).ToList();
        if (_chatClient is not null && facts.Session.Count > 0)
        {
            (summary, insights) = await ReflectionPrompt.WriteAsync(_chatClient, summary, insights, facts, cancellationToken).ConfigureAwait(false);
        }

        var reflection = await _memory.AddReflectionAsync(
            userId, sessionId, summary, insights, facts.Session.Count, facts.Helped, facts.NotHelped, cancellationToken).ConfigureAwait(false);
        var profile = await UpdateProfileAsync(userId, cancellationToken).ConfigureAwait(false);
        activity?.SetTag(RapportTelemetryNames.RecordCount, facts.Session.Count);
        return new EndedSession(reflection, profile);
    }

    private async Task<UserProfile> UpdateProfileAsync(string userId, CancellationToken cancellationToken)
    {
        var profile = await _memory.GetProfileAsync(userId, cancellationToken).ConfigureAwait(false);
        var rated = profile.KindOutcomes.Where(k => k.Value.Helped + k.Value.NotHelped > 0)
            .Select(k => (Kind: k.Key, Rate: (k.Value.Helped + 1.0) / (k.Value.Helped + k.Value.NotHelped + 2)))
            .OrderByDescending(k => k.Rate).ThenBy(k => k.Kind, StringComparer.Ordinal).ToList();
        var preferences = new Dictionary<string, string>(profile.Preferences, StringComparer.Ordinal);
        preferences.Remove(HelpsMostPreference);
        preferences.Remove(HelpsLeastPreference);
        var most = rated.Where(k => k.Rate > 0.5).Take(2).Select(k => k.Kind).ToList();
        var least = rated.Where(k => k.Rate < 0.4).Reverse().Take(2).Select(k => k.Kind).ToList();
        if (most.Count > 0)
        {
            preferences[HelpsMostPreference] = string.Join(", ", most);
        }

        if (least.Count > 0)
        {
            preferences[HelpsLeastPreference] = string.Join(", ", least);
        }

        return await _memory.SaveProfileAsync(profile with { Preferences = preferences }, cancellationToken).ConfigureAwait(false);
    }
}
