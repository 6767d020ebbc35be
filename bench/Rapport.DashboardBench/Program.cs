using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Rapport.DashboardBench;
using Rapport.Server;
using Rapport.Server.Keys;

// Seeds a data folder (interventions over users, traces, two evaluation runs), starts a real server on loopback, signs in to the
// dashboard and asks every page --requests times, reading each answer's Server-Timing (the page's own time on the server).
var options = BenchOptions.Parse(args);
// --keep leaves the seeded data folder behind (for looking at it with rapport dashboard --home, or with sqlite3), and a later run with the same sizes reuses it.
var home = options.Home ?? Path.Combine(Path.GetTempPath(), "rapport-dashboard-bench-" + Guid.NewGuid().ToString("N"));
// A folder this bench seeded with the same sizes (its marker says which) is reused as it is: seeding takes minutes on a busy machine.
var marker = Path.Combine(home, Seeder.MarkerFile);
var seed = string.Create(CultureInfo.InvariantCulture, $"{options.Interventions} {options.Users} {options.Traces}");
var reuse = File.Exists(marker) && File.ReadAllText(marker).Trim() == seed;
if (!reuse && Directory.Exists(home) && Directory.EnumerateFileSystemEntries(home).Any())
{
    throw new ArgumentException($"The data folder '{home}' is neither empty nor seeded by this bench with the same sizes: give a new or empty folder to --keep.");
}

Directory.CreateDirectory(home);
try
{
    if (reuse)
    {
        Console.Error.WriteLine($"reusing the seeded folder '{home}' ({File.GetLastWriteTimeUtc(marker):u})");
    }
    else
    {
        var watch = Stopwatch.StartNew();
        await Seeder.InterventionsAsync(home, options, "hashing-384", 384);
        Seeder.Traces(home, options.Traces);
        await Seeder.RunsAsync(home);
        await File.WriteAllTextAsync(marker, seed);
        Console.Error.WriteLine($"seeded {options.Interventions:#,0} interventions over {options.Users:#,0} users and {options.Traces:#,0} traces in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    var server = new RapportServerOptions { Home = home, Urls = "http://127.0.0.1:0", Embedder = "hashing", Environment = _ => null, RequestsPerWindow = 1_000_000 };
    await using var app = await RapportServer.CreateAsync(server, LogLevel.Warning);
    await app.StartAsync();
    var (secret, key) = ApiKeys.Create(Seeder.Tenant, null, admin: true, TimeProvider.System);
    await app.Keys.AddAsync(key);
    using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(app.Addresses[0].TrimEnd('/') + "/") };
    using (var login = await client.PostAsync("dashboard/login", new FormUrlEncodedContent([new("key", secret)])))
    {
        if (login.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in failed: {login.StatusCode}");
        }
    }

    var users = options.Users;
    var user = $"user-{users / 2:D5}";
    var trace = await FirstTraceAsync(client);
    string[] pages =
    [
        "dashboard/", "dashboard/users", "dashboard/users?q=user-00", $"dashboard/users/{user}", $"dashboard/users/{user}?kind=reframe&minQuality=0.5",
        $"dashboard/users/{user}/forget", $"dashboard/users/{user}/export", "dashboard/traces", "dashboard/traces?errors=1&minMs=30", $"dashboard/traces/{trace}",
        "dashboard/evaluations", "dashboard/evaluations/compare?baseline=bench-baseline&candidate=bench-candidate&minDelta=0.2", "dashboard/learning",
    ];
    // Where a page's time goes: the dashboard's read spans (and the store decorator's), timed per source while the pages run.
    var reads = new System.Collections.Concurrent.ConcurrentQueue<(string Name, double Ms)>();
    using var listener = new ActivityListener
    {
        ShouldListenTo = source => source.Name == Rapport.Telemetry.RapportTelemetryNames.SourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        ActivityStopped = a => reads.Enqueue((a.GetTagItem(Rapport.Telemetry.RapportTelemetryNames.DashboardSource) as string ?? a.DisplayName, a.Duration.TotalMilliseconds)),
    };
    ActivitySource.AddActivityListener(listener);
    var report = new StringBuilder();
    var loadBefore = Machine.LoadAverage();
    report.AppendLine(CultureInfo.InvariantCulture, $"{options.Interventions:#,0} interventions over {options.Users:#,0} users, {options.Traces:#,0} traces (4 spans each), 2 runs x 500 cases; {options.Requests} requests per page after 3 warm-ups, one at a time.");
    report.AppendLine().AppendLine("| page | server p50 ms | server p95 ms | server max ms | client p95 ms |").AppendLine("|---|---:|---:|---:|---:|");
    var worst = 0.0;
    foreach (var page in pages)
    {
        var (server50, server95, serverMax, client95) = await TimeAsync(client, page, options.Requests);
        worst = Math.Max(worst, server95);
        report.AppendLine(CultureInfo.InvariantCulture, $"| `{page.Replace("dashboard", "", StringComparison.Ordinal)}` | {server50:0.0} | {server95:0.0} | {serverMax:0.0} | {client95:0.0} |");
    }

    report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Slowest page at p95: {worst:0.0} ms (target under 200 ms).");
    report.AppendLine().AppendLine(CultureInfo.InvariantCulture,
        $"Machine: {Environment.ProcessorCount} logical CPUs, {Machine.Cpu()}; load average (1, 5, 15 min) {loadBefore} before the pages, {Machine.LoadAverage()} after; commit {Machine.Commit()}.");
    report.AppendLine().AppendLine("Spans inside the pages (every request, warm-ups included):").AppendLine().AppendLine("| span | count | p50 ms | p95 ms |").AppendLine("|---|---:|---:|---:|");
    foreach (var group in reads.GroupBy(r => r.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        var sorted = group.Select(r => r.Ms).Order().ToList();
        report.AppendLine(CultureInfo.InvariantCulture, $"| `{group.Key}` | {sorted.Count} | {At(sorted, 0.5):0.0} | {At(sorted, 0.95):0.0} |");
    }
    Console.WriteLine(report);
    if (options.Output is not null)
    {
        await File.WriteAllTextAsync(options.Output, report.ToString());
    }

    await app.StopAsync();
}
finally
{
    try
    {
        if (options.Home is null)
        {
            Directory.Delete(home, recursive: true);
        }
    }
    catch (IOException)
    {
    }
}

static async Task<string> FirstTraceAsync(HttpClient client)
{
    var html = await client.GetStringAsync("dashboard/traces?last=1");
    var at = html.IndexOf("/dashboard/traces/", StringComparison.Ordinal);
    return at < 0 ? throw new InvalidOperationException("The traces page listed no trace.") : html.Substring(at + "/dashboard/traces/".Length, 32);
}

static async Task<(double P50, double P95, double Max, double Client95)> TimeAsync(HttpClient client, string page, int requests)
{
    var server = new List<double>();
    var total = new List<double>();
    for (var i = 0; i < requests + 3; i++)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(page);
        var body = await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        if (response.StatusCode != HttpStatusCode.OK || body.Length == 0)
        {
            throw new InvalidOperationException($"{page} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)[..Math.Min(400, body.Length)]}");
        }

        var timing = response.Headers.GetValues("Server-Timing").Single();
        if (i >= 3)
        {
            server.Add(double.Parse(timing[(timing.IndexOf("dur=", StringComparison.Ordinal) + 4)..], CultureInfo.InvariantCulture));
            total.Add(watch.Elapsed.TotalMilliseconds);
        }
    }

    server.Sort();
    total.Sort();
    return (At(server, 0.5), At(server, 0.95), server[^1], At(total, 0.95));
}

static double At(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
