using System.Diagnostics;
using System.Globalization;
using Rapport.Memory;
using Rapport.Redis;
using StackExchange.Redis;

// Records interventions through RedisMemoryStore's public API, for measurements BenchmarkDotNet cannot make: the
// server's instruction count under callgrind (bench/redis/server-cost.sh), and CPU time per intervention on each side
// of the connection. Public API only, so that the same probe builds against an older revision of src/.
//   dotnet run -c Release --project bench/redis/RecordProbe -- 127.0.0.1:6379 50 40000
//   RecordProbe <host:port> <batch size> <count> [in flight = 64] [users = 100]
// Batch b goes to user b % users; records are like bench/Rapport.Benchmarks' BenchmarkData (384 floats, ~1.8 KB).
if (args.Length < 3)
{
    Console.Error.WriteLine("Usage: RecordProbe <host:port> <batch size> <count> [in flight] [users]");
    return 2;
}

var configuration = args[0];
var batchSize = int.Parse(args[1], CultureInfo.InvariantCulture);
var count = int.Parse(args[2], CultureInfo.InvariantCulture);
var inFlight = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 64;
var users = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 100;
var random = new Random(42);
var now = DateTimeOffset.UtcNow;
var batches = Enumerable.Range(0, (count + batchSize - 1) / batchSize)
    .Select(b => Enumerable.Range(b * batchSize, Math.Min(batchSize, count - (b * batchSize))).Select(i => Make(i, $"user-{b % users}")).ToArray())
    .ToArray();
var home = Directory.CreateTempSubdirectory("rapport-record-probe-").FullName;
var store = RedisMemoryStore.Open(
    new RedisStoreOptions { Configuration = configuration, KeyPrefix = "probe" + Guid.NewGuid().ToString("N")[..8], Budget = TimeSpan.FromMinutes(1) }, home);
using var admin = await ConnectionMultiplexer.ConnectAsync(configuration + ",allowAdmin=true");
try
{
    var serverCpu = await ServerCpuAsync();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    using var gate = new SemaphoreSlim(inFlight);
    var calls = new List<Task>(batches.Length);
    foreach (var batch in batches)
    {
        await gate.WaitAsync();
        calls.Add(RecordAsync(batch));
    }

    await Task.WhenAll(calls);
    watch.Stop();
    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    serverCpu = await ServerCpuAsync() - serverCpu;
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{count} interventions in batches of {batchSize}, {inFlight} in flight: {count / watch.Elapsed.TotalSeconds:F0}/s, CPU per intervention: client {cpu.TotalMicroseconds / count:F1} µs, server {serverCpu * 1e6 / count:F1} µs; {store.PendingWrites} left in the outbox"));
    return store.PendingWrites == 0 ? 0 : 1;

    async Task RecordAsync(Intervention[] batch)
    {
        try
        {
            await store.RecordAsync(batch);
        }
        finally
        {
            gate.Release();
        }
    }
}
finally
{
    await store.DisposeAsync();
    Directory.Delete(home, recursive: true);
}

// The server's CPU time (user + system), from INFO: under valgrind it counts the emulation too, and is meaningless there.
async Task<double> ServerCpuAsync()
{
    var info = (await admin.GetServers()[0].InfoAsync("cpu")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
    return double.Parse(info["used_cpu_user"], CultureInfo.InvariantCulture) + double.Parse(info["used_cpu_sys"], CultureInfo.InvariantCulture);
}

Intervention Make(int i, string user)
{
    var vector = new float[384];
    for (var k = 0; k < vector.Length; k++)
    {
        vector[k] = (float)((random.NextDouble() * 2) - 1);
    }

    return new Intervention
    {
        Id = $"p{i:x8}", UserId = user, SessionId = $"s{i / 20}", CreatedAt = now.AddSeconds(-i),
        Situation = $"Situation {i}: I feel tense before the meeting and cannot focus.", Kind = "breathing",
        Text = "Let's take three slow breaths together, then name one thing you can do next.", Outcome = (InterventionOutcome)(i % 3),
        Quality = random.NextDouble(), Embedding = vector, EmbeddingModel = "bench-384", ExpiresAt = now.AddDays(30),
    };
}
