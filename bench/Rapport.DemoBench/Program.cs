// Runs the default demo (200 users x 10 sessions x 5 interventions, seeds 1, 2, 3, MiniLM) like `rapport demo`, times
// it, and writes the per-session success rates, the share of the gap closed and the type-aware ceiling to a markdown file.
// Usage (from the repository root):
//   dotnet run --project bench/Rapport.DemoBench -c Release -- [--users 200] [--sessions 10] [--interventions 5]
//       [--seeds 1,2,3] [--out bench/results/demo.md] [--parallelism N] [--set LearningOption=value ...] [--bank-cache DIR]
// --set changes one of Rapport.Learning.LearningOptions for the Rapport coach (repeatable), to try settings.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Rapport.DemoBench;
using Rapport.Demo;
using Rapport.Embeddings.Onnx;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string[] known = ["--users", "--sessions", "--interventions", "--seeds", "--out", "--parallelism", "--set", "--bank-cache"];
// Every argument is a known option followed by its value: an unknown or misspelt option (say --output for --out) would
// otherwise be ignored and the run would overwrite bench/results/demo.md.
for (var i = 0; i < args.Length; i += 2)
{
    if (!known.Contains(args[i]) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine(known.Contains(args[i])
            ? $"{args[i]} needs a value."
            : $"Unknown argument '{string.Concat(args[i].Select(c => char.IsControl(c) ? '?' : c))}'; accepted: {string.Join(", ", known)}, each followed by its value.");
        return 2;
    }
}

string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
var users = int.Parse(Arg("--users", "200"), CultureInfo.InvariantCulture);
var sessions = int.Parse(Arg("--sessions", "10"), CultureInfo.InvariantCulture);
var turns = int.Parse(Arg("--interventions", "5"), CultureInfo.InvariantCulture);
var seeds = Arg("--seeds", "1,2,3").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var output = Arg("--out", "bench/results/demo.md");
var parallelism = int.Parse(Arg("--parallelism", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
var learning = new Rapport.Learning.LearningOptions();
var settings = args.Select((a, i) => (a, i)).Where(p => p.a == "--set" && p.i + 1 < args.Length).Select(p => args[p.i + 1]).ToList();
foreach (var setting in settings)
{
    var (name, value) = (setting.Split('=')[0], setting.Split('=')[1]);
    var property = typeof(Rapport.Learning.LearningOptions).GetProperty(name)
        ?? throw new ArgumentException($"No learning option '{name}'.");
    var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
    property.SetValue(learning, type.IsEnum ? Enum.Parse(type, value) : type == typeof(TimeSpan) ? TimeSpan.Parse(value, CultureInfo.InvariantCulture) : Convert.ChangeType(value, type, CultureInfo.InvariantCulture));
}

var loadBefore = Load();
var total = Stopwatch.StartNew();
MiniLmEmbeddingGenerator model;
try
{
    model = MiniLmEmbeddingGenerator.Load();
}
catch (EmbeddingModelException ex)
{
    Console.Error.WriteLine($"The MiniLM model is not available ({ex.Message}); build the solution once with npm on the PATH.");
    return 2;
}

using var embedderScope = model;
var embedder = new PhrasingEmbeddingCache(model);
// As `rapport demo` does: the bank's vectors kept in <home>/demo between runs (RAPPORT_HOME, else ~/.rapport; --bank-cache to change).
var bankFolder = Arg("--bank-cache", Path.Combine(Rapport.Configuration.RapportPaths.ResolveHome(Environment.GetEnvironmentVariable(Rapport.Configuration.RapportPaths.HomeVariable)), "demo"));
var bankFromFile = await BankEmbeddingFile.PrepareAsync(embedder, bankFolder);
var folder = Directory.CreateTempSubdirectory("rapport-demobench-").FullName;
var reports = new List<SimulationReport>();
var cpuPerSeed = new List<TimeSpan>();
try
{
    foreach (var seed in seeds)
    {
        Console.Error.WriteLine($"seed {seed}: {users} users x {sessions} sessions x {turns} interventions");
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        reports.Add(await CohortSimulation.RunAsync(new SimulationOptions
        {
            Users = users,
            Sessions = sessions,
            TurnsPerSession = turns,
            Seed = seed,
            DataFolder = Path.Combine(folder, $"seed-{seed}"),
            Embedder = embedder,
            Scorers = [new Rapport.Evaluation.Scorers.QualityEvaluator()],
            Learning = learning,
            Parallelism = parallelism,
        }));
        cpuPerSeed.Add(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}

total.Stop();
var loadAfter = Load();
var wordings = Separability.Wordings();
var vectors = await embedder.GenerateAsync(wordings.Select(w => w.Text));
var separability = Separability.Measure([.. wordings.Select((w, i) => (w.Type, w.Core, vectors[i].Vector.ToArray()))]);

var text = new StringBuilder();
text.AppendLine("# The demo benchmark: `rapport demo` with its default settings").AppendLine();
text.AppendLine("Command, from the repository root:").AppendLine();
text.AppendLine("```sh").AppendLine($"dotnet run --project bench/Rapport.DemoBench -c Release -- --users {users} --sessions {sessions} --interventions {turns} --seeds {string.Join(',', seeds)}{string.Concat(settings.Select(s => " --set " + s))}").AppendLine("```").AppendLine();
text.AppendLine($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores; load average (1 min) {loadBefore} before, {loadAfter} after (`/proc/loadavg`).");
text.AppendLine($"Embedder {Rapport.Embeddings.EmbedderIdentity.Of(model)}; quality scorer on every Rapport intervention; SQLite store per seed.").AppendLine();
text.AppendLine($"**Wall time: {total.Elapsed.TotalSeconds:0.0} s in all** (model load, {embedder.Count} phrasings {(bankFromFile ? "read from the bank's embedding file" : "embedded once")}, {seeds.Length} seeds), per seed: " +
    string.Join(", ", reports.Select(r => $"{r.Seed}: {r.Elapsed.TotalSeconds:0.0} s")) + ".");
// The machine is shared: CPU time (user + system, every thread; the first seed includes embedding the bank) moves less with
// the load than wall time does.
text.AppendLine($"CPU time per seed: {string.Join(", ", reports.Select((r, i) => $"{r.Seed}: {cpuPerSeed[i].TotalSeconds:0.0} s"))}; " +
    $"the whole process {System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0.0} s.").AppendLine();
text.AppendLine("Share of interventions that helped, mean over seeds:").AppendLine();
text.AppendLine("| session | no memory | Rapport | type-aware reference | oracle | Rapport closes | type-aware closes |");
text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
for (var i = 0; i < sessions; i++)
{
    var row = new SessionRates(i + 1, reports.Average(r => r.Sessions[i].NoMemory), reports.Average(r => r.Sessions[i].Rapport),
        reports.Average(r => r.Sessions[i].Oracle), reports.Average(r => r.Sessions[i].TypeAware));
    text.AppendLine($"| {row.Session} | {row.NoMemory:P1} | {row.Rapport:P1} | {row.TypeAware:P1} | {row.Oracle:P1} | {row.GapClosed:P1} | {row.TypeAwareGapClosed:P1} |");
}

var last = new SessionRates(sessions, reports.Average(r => r.Sessions[^1].NoMemory), reports.Average(r => r.Sessions[^1].Rapport),
    reports.Average(r => r.Sessions[^1].Oracle), reports.Average(r => r.Sessions[^1].TypeAware));
text.AppendLine().AppendLine($"**Session {sessions}: Rapport closes {last.GapClosed:P1} of the no-memory-to-oracle gap; the type-aware reference closes {last.TypeAwareGapClosed:P1}** " +
    $"(per seed, Rapport / type-aware: {string.Join(", ", reports.Select(r => $"{r.Seed}: {r.FinalGapClosed:P0} / {r.FinalTypeAwareGapClosed:P0}"))}).").AppendLine();
text.AppendLine($"**Rapport closes {last.ShareOfReference:P1} of what the type-aware reference closes by session {sessions}** (issue 19 asks for 90 %; per seed: " +
    $"{string.Join(", ", reports.Select(r => $"{r.Seed}: {r.Sessions[^1].ShareOfReference:P0}"))}).").AppendLine();
var lastThree = Enumerable.Range(Math.Max(0, sessions - 3), Math.Min(3, sessions)).ToList();
text.AppendLine($"Mean over the last {lastThree.Count} sessions (less noisy): Rapport closes {lastThree.Average(i => reports.Average(r => r.Sessions[i].GapClosed)):P1}, " +
    $"the type-aware reference {lastThree.Average(i => reports.Average(r => r.Sessions[i].TypeAwareGapClosed)):P1}.").AppendLine();
text.AppendLine($"How well {Rapport.Embeddings.EmbedderIdentity.Of(model)} separates the bank's {SituationBank.Types.Count} types ({wordings.Count} wordings, pairs with different core phrasings):");
text.AppendLine($"mean cosine {separability.SameType:0.000} within a type, {separability.OtherType:0.000} across types; AUC {separability.Auc:0.000}; " +
    $"{separability.NearestSameType:P1} of each wording's 12 nearest are of its type. Percentiles 10/25/50/75/90 of the cosine: " +
    $"{separability.SameTypeDeciles} within a type, {separability.OtherTypeDeciles} across types.");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
// The file keeps its history: what follows the marker (earlier runs, analyses) survives a rerun; the figures above it are replaced.
const string HistoryMarker = "<!-- Rapport.DemoBench replaces what is above this line and keeps what is below it. -->";
var previous = File.Exists(output) ? await File.ReadAllTextAsync(output) : "";
var kept = previous.IndexOf(HistoryMarker, StringComparison.Ordinal) is var at and >= 0 ? previous[at..] : HistoryMarker + Environment.NewLine;
await File.WriteAllTextAsync(output, text.ToString() + Environment.NewLine + kept);
Console.WriteLine(text);
return 0;

static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
