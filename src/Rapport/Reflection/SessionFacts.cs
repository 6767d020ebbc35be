using System.Globalization;
using System.Numerics.Tensors;
using Rapport.Context;
using Rapport.Memory;

namespace Rapport.Reflection;

/// <summary>The statistics a reflection is written from: what a session tried, what helped, and what changed.</summary>
internal sealed class SessionFacts
{
    private SessionFacts(List<Intervention> session, List<Intervention> earlier, List<SituationGroup> groups)
    {
        Session = session;
        Earlier = earlier;
        Groups = groups;
    }

    public List<Intervention> Session { get; }

    public List<Intervention> Earlier { get; }

    public List<SituationGroup> Groups { get; }

    public int Helped => Session.Count(i => i.Outcome == InterventionOutcome.Helped);

    public int NotHelped => Session.Count(i => i.Outcome == InterventionOutcome.NotHelped);

    public static SessionFacts From(IReadOnlyList<Intervention> all, string sessionId, double similarity)
    {
        var ordered = all.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
        var session = ordered.Where(i => i.SessionId == sessionId).ToList();
        var earlier = ordered.Where(i => i.SessionId != sessionId && (session.Count == 0 || i.CreatedAt <= session[^1].CreatedAt)).ToList();
        return new SessionFacts(session, earlier, Group(ordered, similarity));
    }

    /// <summary>The summary: what was tried, what helped, and what changed compared with earlier sessions.</summary>
    public string Summary()
    {
        if (Session.Count == 0)
        {
            return "No interventions in this session.";
        }

        var parts = new List<string>();
        var tried = Session.GroupBy(i => i.Kind, StringComparer.Ordinal).OrderBy(g => g.First().CreatedAt);
        parts.Add("Tried " + string.Join(", ", tried.Select(g => g.Count() > 1 ? $"{g.Key} ({g.Count()} times)" : g.Key)) + ".");
        var helped = KindsWith(Session, InterventionOutcome.Helped);
        var failed = KindsWith(Session, InterventionOutcome.NotHelped);
        parts.Add(helped.Count > 0 ? $"Helped: {string.Join(", ", helped)}." : "Nothing was reported as helping.");
        if (failed.Count > 0)
        {
            parts.Add($"Did not help: {string.Join(", ", failed)}.");
        }

        parts.AddRange(Changes());
        return string.Join(" ", parts);
    }

    /// <summary>What changed: kinds that helped for the first time, and kinds that used to help but did not now.</summary>
    public IEnumerable<string> Changes()
    {
        foreach (var kind in KindsWith(Session, InterventionOutcome.Helped))
        {
            if (!Earlier.Any(i => i.Kind == kind && i.Outcome == InterventionOutcome.Helped))
            {
                yield return $"{kind} helped for the first time.";
            }
        }

        foreach (var kind in KindsWith(Session, InterventionOutcome.NotHelped).Except(KindsWith(Session, InterventionOutcome.Helped)))
        {
            var before = Earlier.Where(i => i.Kind == kind && i.Outcome != InterventionOutcome.Unknown).ToList();
            var rate = before.Count == 0 ? 0 : before.Count(i => i.Outcome == InterventionOutcome.Helped) / (double)before.Count;
            if (before.Count >= 2 && rate >= 0.5)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"{kind} did not help this time, though it had helped {rate:P0} of the time before.");
            }
        }
    }

    /// <summary>Insights across sessions: the best kind per type of situation, and what stopped working there.</summary>
    public IEnumerable<string> Insights()
    {
        foreach (var group in Groups.Where(g => g.Members.Count(m => m.Outcome != InterventionOutcome.Unknown) >= 2))
        {
            var byKind = group.Members.Where(m => m.Outcome != InterventionOutcome.Unknown).GroupBy(m => m.Kind, StringComparer.Ordinal)
                .Select(g => (Kind: g.Key, Helped: g.Count(m => m.Outcome == InterventionOutcome.Helped), Total: g.Count(), Last: g.Last().Outcome))
                .OrderByDescending(k => (k.Helped + 1.0) / (k.Total + 2)).ThenBy(k => k.Kind, StringComparer.Ordinal).ToList();
            var best = byKind[0];
            if (best.Helped > 0)
            {
                yield return $"In situations like \"{group.Label}\", {best.Kind} works best ({best.Helped} of {best.Total} helped).";
            }

            foreach (var stopped in byKind.Where(k => k.Helped > 0 && k.Last == InterventionOutcome.NotHelped && StoppedWorking(group, k.Kind)))
            {
                yield return $"In situations like \"{group.Label}\", {stopped.Kind} stopped working (the last two tries did not help).";
            }
        }
    }

    private static bool StoppedWorking(SituationGroup group, string kind)
    {
        var outcomes = group.Members.Where(m => m.Kind == kind && m.Outcome != InterventionOutcome.Unknown).Select(m => m.Outcome).ToList();
        return outcomes.Count >= 3 && outcomes[^1] == InterventionOutcome.NotHelped && outcomes[^2] == InterventionOutcome.NotHelped
            && outcomes.Take(outcomes.Count - 2).Contains(InterventionOutcome.Helped);
    }

    private static List<string> KindsWith(List<Intervention> items, InterventionOutcome outcome) =>
        [.. items.Where(i => i.Outcome == outcome).Select(i => i.Kind).Distinct(StringComparer.Ordinal)];

    private static List<SituationGroup> Group(List<Intervention> ordered, double threshold)
    {
        var groups = new List<(ReadOnlyMemory<float> Anchor, SituationGroup Group)>();
        foreach (var item in ordered)
        {
            var match = groups.FirstOrDefault(g => g.Anchor.Length == item.Embedding.Length && item.Embedding.Length > 0
                && TensorPrimitives.CosineSimilarity(g.Anchor.Span, item.Embedding.Span) >= threshold);
            if (match.Group is null)
            {
                groups.Add((item.Embedding, new SituationGroup(MemoryContextBuilder.Shorten(item.Situation, 60), [item])));
            }
            else
            {
                match.Group.Members.Add(item);
            }
        }

        return [.. groups.Select(g => g.Group)];
    }
}
