using System.Buffers;

namespace Rapport.Search;

public sealed partial class UserVectorSet
{
    // Adds to each candidate's score SessionWeight times its session's score: the best hybrid score among the session's candidates
    // plus their mean. A memory without a session is a session of its own (twice its score), so its order among others like it
    // does not change. Reads the fused scores before session context (neighbours) and writes the final scores into scores.
    private void AddSessionScores(SearchRanking ranking, ReadOnlySpan<int> candidates, float[] fused, float[] scores)
    {
        var weight = (float)ranking.SessionWeight;
        if (weight == 0)
        {
            return;
        }

        var sessions = _sessionCount;
        var best = ArrayPool<float>.Shared.Rent(sessions);
        var sum = ArrayPool<float>.Shared.Rent(sessions);
        var members = ArrayPool<int>.Shared.Rent(sessions);
        try
        {
            Array.Fill(best, float.NegativeInfinity, 0, sessions);
            Array.Clear(sum, 0, sessions);
            Array.Clear(members, 0, sessions);
            foreach (var i in candidates)
            {
                var session = _sessionOrdinals[i];
                if (session >= 0 && session < sessions)
                {
                    best[session] = Math.Max(best[session], fused[i]);
                    sum[session] += fused[i];
                    members[session]++;
                }
            }

            foreach (var i in candidates)
            {
                var session = _sessionOrdinals[i];
                scores[i] += session >= 0 && session < sessions
                    ? weight * (best[session] + (sum[session] / members[session]))
                    : weight * 2 * fused[i];
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(best);
            ArrayPool<float>.Shared.Return(sum);
            ArrayPool<int>.Shared.Return(members);
        }
    }
}
