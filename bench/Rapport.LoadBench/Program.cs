using System.Globalization;
using System.Text;
using Rapport.LoadBench;

// Load benchmark of the Rapport server: see bench/README.md ("Load benchmark").
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var results = new List<StoreRun.Result>();
foreach (var store in options.Stores)
{
    Console.Error.WriteLine($"{store}: {options.Agents} agents, up to {options.Turns} turns or {options.Duration.TotalSeconds:0} s ...");
    results.Add(await StoreRun.RunAsync(store, options));
}

var report = LoadReport.Markdown(results, Environment.ProcessorCount);
Console.WriteLine(report);
if (options.Out is { } path)
{
    await File.WriteAllTextAsync(path, report, Encoding.UTF8);
}

// Exit 1 when a run had errors or lost, duplicated or unexpected records, so a script can rely on it.
return results.All(r => r.Timings.TotalErrors == 0 && r.Audit is { Lost: 0, Duplicated: 0, Unexpected: 0, WrongOutcome: 0 }) ? 0 : 1;
