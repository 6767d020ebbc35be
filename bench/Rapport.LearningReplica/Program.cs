// A fast replica of the demo's learning: the recommender's arithmetic (KindRecommender) over the bank's MiniLM vectors,
// with the library's own OutcomeMetric and SituationGroups, the demo's cohort and its type-aware reference; seconds per
// seed instead of the real demo's tens. For trying ideas before building them; docs/learning.md says how far it agrees with
// the real demo. Needs the bank's embedding file, which `rapport demo` writes into <home>/demo.
// Usage (from the repository root):
//   dotnet run --project bench/Rapport.LearningReplica -c Release -- [--users 200] [--sessions 10] [--interventions 5]
//       [--seeds 11,12,13,14,15,16] [--bank <home>/demo/bank-embeddings-<digest>.bin] [--set LearningOption=value ...]
using System.Globalization;
using Rapport.Learning;
using Rapport.LearningReplica;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
var users = int.Parse(Arg("--users", "200"), CultureInfo.InvariantCulture);
var sessions = int.Parse(Arg("--sessions", "10"), CultureInfo.InvariantCulture);
var turns = int.Parse(Arg("--interventions", "5"), CultureInfo.InvariantCulture);
var seeds = Arg("--seeds", "11,12,13,14,15,16").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var home = Rapport.Configuration.RapportPaths.ResolveHome(Environment.GetEnvironmentVariable(Rapport.Configuration.RapportPaths.HomeVariable));
var newest = new DirectoryInfo(Path.Combine(home, "demo")) is { Exists: true } folder
    ? folder.GetFiles("bank-embeddings-*.bin").OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault()?.FullName
    : null;
var bankPath = Arg("--bank", newest ?? "");
if (!File.Exists(bankPath))
{
    Console.Error.WriteLine("No bank embedding file: run `rapport demo` once, or pass --bank.");
    return 2;
}

var options = new LearningOptions();
foreach (var setting in args.Select((a, i) => (a, i)).Where(p => p.a == "--set" && p.i + 1 < args.Length).Select(p => args[p.i + 1]))
{
    var (name, value) = (setting.Split('=')[0], setting.Split('=')[1]);
    var property = typeof(LearningOptions).GetProperty(name) ?? throw new ArgumentException($"No learning option '{name}'.");
    var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
    property.SetValue(options, type.IsEnum ? Enum.Parse(type, value) : type == typeof(TimeSpan) ? TimeSpan.Parse(value, CultureInfo.InvariantCulture) : Convert.ChangeType(value, type, CultureInfo.InvariantCulture));
}

options.Validate();
var bank = await BankVectors.LoadAsync(bankPath);
var runs = seeds.Select(seed => new ReplicaSimulation(bank, options, users, sessions, turns, seed).Run()).ToList();

// The share of the no-memory-to-oracle gap closed in session s by coach c (1 the replica, 3 the reference), over seeds.
double Gap(int s, int c) =>
    (runs.Average(r => r[s][c]) - runs.Average(r => r[s][0])) / (runs.Average(r => r[s][2]) - runs.Average(r => r[s][0]));
var last = sessions - 1;
var lastThree = Enumerable.Range(Math.Max(0, sessions - 3), Math.Min(3, sessions)).ToList();
var perSeed = runs.Select((r, i) => $"{seeds[i]}: {(r[last][1] - r[last][0]) / (r[last][3] - r[last][0]):0.00}");
Console.WriteLine($"{users} users, seeds {string.Join(',', seeds)}, {string.Join(' ', args.Where((a, i) => i > 0 && args[i - 1] == "--set"))}");
Console.WriteLine($"share of the reference's gap: session {sessions} {Gap(last, 1) / Gap(last, 3):0.000}, " +
    $"sessions {lastThree[0] + 1}-{sessions} {lastThree.Sum(s => Gap(s, 1)) / lastThree.Sum(s => Gap(s, 3)):0.000} (per seed at session {sessions}: {string.Join(", ", perSeed)})");
return 0;
