namespace Rapport.Search.Internal;

/// <summary>Session chains: each entry is linked to its session's previous and next entries (neighbours for search).</summary>
internal sealed partial class SnapshotColumns
{
    // Links entry i into its session's chain, ordered by creation time then id. New entries are almost always the session's newest.
    private void Link(int i)
    {
        var session = Sessions[i];
        if (string.IsNullOrEmpty(session))
        {
            return;
        }

        if (!_sessionTail.TryGetValue(session, out var tail))
        {
            _sessionTail[session] = i;
            _sessionHead[session] = i;
            return;
        }

        // Entries loaded newest first (SQLite's index order) each go before the session's first: O(1), not a walk.
        var head = _sessionHead[session];
        if (Later(head, i))
        {
            Next[i] = head;
            Previous[head] = i;
            _sessionHead[session] = i;
            return;
        }

        var before = tail;
        while (before >= 0 && Later(before, i))
        {
            before = Previous[before];
        }

        var after = Next[before];
        Previous[i] = before;
        Next[i] = after;
        if (before >= 0)
        {
            Next[before] = i;
        }

        if (after >= 0)
        {
            Previous[after] = i;
        }
        else
        {
            _sessionTail[session] = i;
        }
    }

    private bool Later(int a, int b) =>
        Created[a] > Created[b] || (Created[a] == Created[b] && string.CompareOrdinal(Ids[a], Ids[b]) > 0);
}
