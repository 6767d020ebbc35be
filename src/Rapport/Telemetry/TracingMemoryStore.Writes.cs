using System.Diagnostics;
using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Telemetry;

/// <summary>The traced writes: spans, and the stored-records and quality metrics.</summary>
public sealed partial class TracingMemoryStore
{
    /// <inheritdoc />
    public override Task RecordAsync(IReadOnlyList<Intervention> interventions, CancellationToken cancellationToken = default) =>
        !WriteObserved ? InnerStore.RecordAsync(interventions, cancellationToken) : TracedRecordAsync(interventions, cancellationToken);

    /// <inheritdoc />
    public override Task AddReflectionAsync(SessionReflection reflection, CancellationToken cancellationToken = default) =>
        !WriteObserved ? InnerStore.AddReflectionAsync(reflection, cancellationToken) : TraceAsync(
            "add_reflection", reflection?.UserId, reflection!,
            static async (store, s, ct) =>
            {
                await store.AddReflectionAsync(s, ct).ConfigureAwait(false);
                RapportTelemetry.RecordStored(RecordType.Reflection, 1);
                return true;
            },
            static (activity, s, _) =>
            {
                activity.SetTag(RapportTelemetryNames.RecordId, s.Id);
                activity.SetTag(RapportTelemetryNames.SessionId, s.SessionId);
                activity.SetTag(RapportTelemetryNames.RecordType, RapportTelemetry.RecordTypeName(RecordType.Reflection));
                activity.SetTag(RapportTelemetryNames.InputChars, s.Summary.Length + s.Insights.Sum(i => i.Length));
                activity.SetTag(RapportTelemetryNames.ReflectionInsights, s.Insights.Count);
            },
            cancellationToken);

    /// <inheritdoc />
    public override Task SaveProfileAsync(UserProfile profile, CancellationToken cancellationToken = default) =>
        !WriteObserved ? InnerStore.SaveProfileAsync(profile, cancellationToken) : TraceAsync(
            "save_profile", profile?.UserId, profile!,
            static async (store, s, ct) =>
            {
                await store.SaveProfileAsync(s, ct).ConfigureAwait(false);
                RapportTelemetry.RecordStored(RecordType.Profile, 1);
                return true;
            },
            static (activity, _, _) => activity.SetTag(RapportTelemetryNames.RecordType, RapportTelemetry.RecordTypeName(RecordType.Profile)),
            cancellationToken);

    private async Task TracedRecordAsync(IReadOnlyList<Intervention> interventions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interventions);
        using var activity = Start(RapportTelemetryNames.StoreSpanPrefix + "record", null);
        if (activity is { IsAllDataRequested: true })
        {
            TagInterventions(activity, interventions, _privacy);
        }

        try
        {
            await InnerStore.RecordAsync(interventions, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Fail(activity, "record", ex);
            throw;
        }

        if (activity is { IsAllDataRequested: true })
        {
            // Ids and kinds are tagged once the store accepted them: a rejected one could be free text.
            activity.SetTag(RapportTelemetryNames.RecordIds, interventions.Select(i => i.Id).ToArray());
            activity.SetTag(RapportTelemetryNames.Kinds, interventions.Select(i => i.Kind).Distinct(StringComparer.Ordinal).ToArray());
        }

        RapportTelemetry.RecordStored(RecordType.Intervention, interventions.Count);
        if (RapportInstruments.Quality.Enabled)
        {
            foreach (var item in interventions)
            {
                if (item.Quality is { } quality)
                {
                    RapportInstruments.Quality.Record(quality);
                }
            }
        }
    }

    /// <summary>Tags a batch of interventions before the write: users (hashed), count, sizes and qualities; never their text.</summary>
    internal static void TagInterventions(Activity activity, IReadOnlyList<Intervention> interventions, TelemetryPrivacy privacy)
    {
        var users = interventions.Where(i => i?.UserId is not null).Select(i => i.UserId).Distinct(StringComparer.Ordinal).ToArray();
        if (users.Length == 1)
        {
            SpanTags.SetUser(activity, users[0], privacy);
        }
        else if (users.Length > 1)
        {
            activity.SetTag(RapportTelemetryNames.UserHash, users.Select(privacy.Pseudonymizer.Pseudonymize).ToArray());
        }

        activity.SetTag(RapportTelemetryNames.RecordType, RapportTelemetry.RecordTypeName(RecordType.Intervention));
        activity.SetTag(RapportTelemetryNames.RecordCount, interventions.Count);
        activity.SetTag(RapportTelemetryNames.InputChars, interventions.Sum(i => (i?.Situation?.Length ?? 0) + (i?.Text?.Length ?? 0)));
        var qualities = interventions.Where(i => i?.Quality is not null).Select(i => i.Quality!.Value).ToArray();
        if (qualities.Length > 0)
        {
            activity.SetTag(RapportTelemetryNames.Qualities, qualities);
        }
    }
}
