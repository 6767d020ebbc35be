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
// Then, on the same client in the same run, the same count as plain pipelined SETs of the same bytes (issue 17's floor):
// per intervention its value (the size the store's encoding gives), its id mapping, and one key per index entry (ids,
// exp, chg), batch by batch with the same calls in flight; and prints the ratio of the two rates and of their CPU times.
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
var prefix = "probe" + Guid.NewGuid().ToString("N")[..8];
var settings = ConfigurationOptions.Parse(configuration);
settings.AbortOnConnectFail = false;
settings.BacklogPolicy = BacklogPolicy.FailFast;
using var client = await ConnectionMultiplexer.ConnectAsync(settings);
var store = RedisMemoryStore.Open(
    client, new RedisStoreOptions { Configuration = configuration, KeyPrefix = prefix, Budget = TimeSpan.FromMinutes(1) }, home);
using var admin = await ConnectionMultiplexer.ConnectAsync(configuration + ",allowAdmin=true");
var db = client.GetDatabase();
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
    var recordRate = count / watch.Elapsed.TotalSeconds;
    var recordCpu = (cpu.TotalMicroseconds / count) + (serverCpu * 1e6 / count);
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{count} interventions in batches of {batchSize}, {inFlight} in flight: {recordRate:F0}/s, CPU per intervention: client {cpu.TotalMicroseconds / count:F1} µs, server {serverCpu * 1e6 / count:F1} µs; {store.PendingWrites} left in the outbox"));

    // The floor: the same bytes as plain SETs, pipelined, through the same multiplexer.
    var value = new byte[await ValueSizeAsync()];
    random.NextBytes(value);
    serverCpu = await ServerCpuAsync();
    cpu = Process.GetCurrentProcess().TotalProcessorTime;
    watch.Restart();
    var sets = new List<Task>(batches.Length);
    for (var b = 0; b < batches.Length; b++)
    {
        await gate.WaitAsync();
        sets.Add(SetSameBytesAsync(batches[b], $"user-{b % users}"));
    }

    await Task.WhenAll(sets);
    watch.Stop();
    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    serverCpu = await ServerCpuAsync() - serverCpu;
    var setRate = count / watch.Elapsed.TotalSeconds;
    var setCpu = (cpu.TotalMicroseconds / count) + (serverCpu * 1e6 / count);
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"same bytes as plain SETs ({value.Length}-byte values, 5 SETs per intervention): {setRate:F0}/s, CPU per intervention: client {cpu.TotalMicroseconds / count:F1} µs, server {serverCpu * 1e6 / count:F1} µs"));
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"recording runs at {recordRate / setRate:P0} of the plain SETs' rate; it costs {recordCpu / setCpu:F2}x their CPU (client + server) per intervention"));

    async Task SetSameBytesAsync(Intervention[] batch, string user)
    {
        try
        {
            var ttl = TimeSpan.FromDays(30);
            var writes = new List<Task>(5 * batch.Length);
            foreach (var i in batch)
            {
                var id = "q" + i.Id[1..];
                writes.Add(db.StringSetAsync($"{prefix}:{{{user}}}:iv:{id}", value, ttl));
                writes.Add(db.StringSetAsync($"{prefix}:rid:{id}", user, ttl));
                writes.Add(db.StringSetAsync($"{prefix}:{{{user}}}:ids:{id}", i.CreatedAt.ToUnixTimeMilliseconds(), ttl));
                writes.Add(db.StringSetAsync($"{prefix}:{{{user}}}:exp:i:{id}", i.ExpiresAt.ToUnixTimeMilliseconds(), ttl));
                writes.Add(db.StringSetAsync($"{prefix}:{{{user}}}:chg:{id}", 1, ttl));
            }

            await Task.WhenAll(writes);
        }
        finally
        {
            gate.Release();
        }
    }

    // The size of the value the store wrote for the first intervention (STRLEN of its key).
    async Task<int> ValueSizeAsync()
    {
        var first = batches[0][0];
        return (int)await db.StringLengthAsync($"{prefix}:{{{first.UserId}}}:iv:{first.Id}");
    }

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
