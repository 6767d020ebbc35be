// Reports how well the offline supportiveness scorer separates better from worse supporter text on the shared public
// datasets, next to a length-only baseline, and fits the scorer's model. Usage (from the repository root):
//   dotnet run --project tools/Rapport.Calibration -c Release -- --data ../shared/data          held-out test splits
//   dotnet run --project tools/Rapport.Calibration -c Release -- --data ../shared/data --tune   validation splits
//   dotnet run --project tools/Rapport.Calibration -c Release -- --data ../shared/data --fit    fit on train, choose on validation
//   dotnet run --project tools/Rapport.Calibration -c Release -- --data ../shared/data --semantic-probe   would MiniLM features help?
using System.Globalization;
using Rapport.Calibration;
using Rapport.Evaluation.Scorers;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var folder = args.SkipWhile(a => a != "--data").Skip(1).FirstOrDefault() ?? "../shared/data";
if (!Directory.Exists(folder))
{
    Console.Error.WriteLine($"No shared data at '{folder}'. Pass --data PATH (the folder with esconv/ and counselchat/).");
    return 2;
}

var data = DataSets.Load(folder);
if (args.Contains("--semantic-probe"))
{
    Console.WriteLine(await SemanticProbe.RunAsync(data));
    return 0;
}

if (args.Contains("--fit"))
{
    Console.WriteLine(Fit.Run(data));
    return 0;
}

var split = args.Contains("--tune") ? Splits.Valid : Splits.Test;
var scorer = new SupportivenessEvaluator();
var report = new Report([
    ("supportiveness", t => scorer.Score(t.Text, t.Before).Value),
    ("without the person's words", t => scorer.Score(t.Text).Value),
    ("length-only", Fit.WordCount),
]);
data.Compare(report, split);
Console.WriteLine(report.ToMarkdown(split == Splits.Valid ? "validation splits (model choice)" : "held-out test splits"));
return 0;
