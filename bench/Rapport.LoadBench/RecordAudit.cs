using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Rapport.LoadBench;

/// <summary>Counts every record after a run, through the API's export: each acknowledged turn is stored exactly once with its outcome,
/// and nothing else was stored.</summary>
internal static class RecordAudit
{
    /// <summary>The audit's counts.</summary>
    public sealed record Result(int Stored, int Lost, int Duplicated, int Unexpected, int WrongOutcome);

    public static async Task<Result> RunAsync(HttpClient http, string key, IReadOnlyList<AgentLoad.Acknowledged> turns)
    {
        var (stored, lost, duplicated, unexpected, wrongOutcome) = (0, 0, 0, 0, 0);
        foreach (var user in turns.GroupBy(t => t.UserId))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/users/{user.Key}/export");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var response = await http.SendAsync(request).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var records = (await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false)).GetProperty("interventions").EnumerateArray()
                .Select(r => (Id: r.GetProperty("id").GetString()!, Text: r.GetProperty("text").GetString()!, Outcome: r.GetProperty("outcome").GetString()))
                .ToList();
            stored += records.Count;
            var byText = records.ToLookup(r => r.Text);
            foreach (var turn in user)
            {
                var matches = byText[Situations.Response(turn.Index)].ToList();
                lost += matches.Count == 0 || matches.All(m => m.Id != turn.InterventionId) ? 1 : 0;
                duplicated += Math.Max(0, matches.Count - 1);
                wrongOutcome += turn.Outcome is not null && matches.Any(m => !string.Equals(m.Outcome, turn.Outcome, StringComparison.OrdinalIgnoreCase)) ? 1 : 0;
            }

            unexpected += records.Count - user.Sum(t => byText[Situations.Response(t.Index)].Count());
        }

        return new Result(stored, lost, duplicated, unexpected, wrongOutcome);
    }
}
