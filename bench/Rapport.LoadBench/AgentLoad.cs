using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Rapport.LoadBench;

/// <summary>N simulated agents running whole turns (prepare, complete, outcome) with <c>Idempotency-Key</c>s, until the turn count or
/// the time is used up; turns already started when time runs out finish, so every acknowledged write can be audited.</summary>
internal sealed class AgentLoad(HttpClient http, string key, int agents)
{
    /// <summary>A turn the server acknowledged: its index, user, intervention id and the outcome it was given.</summary>
    public sealed record Acknowledged(int Index, string UserId, string InterventionId, string? Outcome);

    /// <summary>Runs the load; returns the acknowledged turns, the timings and the wall time.</summary>
    public async Task<(IReadOnlyList<Acknowledged> Turns, EndpointTimings Timings, TimeSpan Elapsed)> RunAsync(
        string users, int turns, TimeSpan duration, int firstIndex = 0)
    {
        var timings = new EndpointTimings();
        var acknowledged = new ConcurrentBag<Acknowledged>();
        var next = -1;
        var deadline = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, agents).Select(agent => Task.Run(async () =>
        {
            var user = $"{users}-{agent}";
            int i;
            while ((i = Interlocked.Increment(ref next)) < turns && deadline.Elapsed < duration)
            {
                if (await TurnAsync(user, firstIndex + i, timings).ConfigureAwait(false) is { } done)
                {
                    acknowledged.Add(done);
                }
            }
        }))).ConfigureAwait(false);
        return ([.. acknowledged.OrderBy(a => a.Index)], timings, deadline.Elapsed);
    }

    private async Task<Acknowledged?> TurnAsync(string user, int i, EndpointTimings timings)
    {
        var prepared = await PostAsync("prepare", "v1/turns", new { userId = user, sessionId = user + "-s", situation = Situations.Situation(i) }, $"{i}-p", timings)
            .ConfigureAwait(false);
        if (prepared is null)
        {
            return null;
        }

        var turnId = prepared.Value.GetProperty("turnId").GetString();
        var completed = await PostAsync("complete", $"v1/turns/{turnId}/complete", new { response = Situations.Response(i) }, $"{i}-c", timings).ConfigureAwait(false);
        if (completed is null)
        {
            return null;
        }

        var id = completed.Value.GetProperty("intervention").GetProperty("id").GetString()!;
        var outcome = i % 3 == 0 ? "not-helped" : "helped";
        var set = await PostAsync("outcome", $"v1/interventions/{id}/outcome", new { outcome }, $"{i}-o", timings).ConfigureAwait(false);
        return new Acknowledged(i, user, id, set is null ? null : outcome);
    }

    private async Task<JsonElement?> PostAsync(string endpoint, string path, object body, string idempotencyKey, EndpointTimings timings)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request).ConfigureAwait(false);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false);
            timings.Record(endpoint, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (response.IsSuccessStatusCode)
            {
                return json;
            }

            Console.Error.WriteLine($"{endpoint}: {(int)response.StatusCode} {json}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            Console.Error.WriteLine($"{endpoint}: {ex.Message}");
        }

        timings.Error(endpoint);
        return null;
    }
}
