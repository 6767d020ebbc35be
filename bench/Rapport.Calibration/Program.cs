// Reports how well the offline supportiveness scorer separates better from worse supporter turns on the shared
// public datasets, next to a length-only baseline. Usage (from the repository root):
//   dotnet run --project bench/Rapport.Calibration -c Release -- --data ../shared/data [--tune]
// --tune uses only the validation splits (what the lexicon was adjusted on); the default reports the held-out ones.
using System.Globalization;
using Rapport.Calibration;
using Rapport.Evaluation.Scorers;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var data = args.SkipWhile(a => a != "--data").Skip(1).FirstOrDefault() ?? "../shared/data";
var tune = args.Contains("--tune");
if (!Directory.Exists(data))
{
    Console.Error.WriteLine($"No shared data at '{data}'. Pass --data PATH (the folder with esconv/ and counselchat/).");
    return 2;
}

var scorer = new SupportivenessEvaluator();
double Support(string text) => scorer.Score(text).Value;
double Length(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
double Mean(IEnumerable<string> turns, Func<string, double> f) => turns.Select(f).DefaultIfEmpty(0).Average();

var report = new Report();
var esconv = Path.Combine(data, "esconv");
var split = tune ? "valid" : "test";

// 1. Dialog level: ESConv dialogs (all ended with lower distress) versus FailedESConv (most did not).
var good = Samples.EsconvDialogs(Path.Combine(esconv, $"{split}.jsonl")).ToList();
var failed = Samples.FailedEsconv(Path.Combine(esconv, "FailedESConv.json"));
report.Add($"ESConv {split} dialogs vs FailedESConv dialogs (mean over supporter turns)",
    good.Select(d => d.Turns).ToList(), failed.Dialogs, t => Mean(t, Support), t => Mean(t, Length));

// 2. Dialog level: seeker-rated empathy 5 versus 1-3 within ESConv.
report.Add($"ESConv {split}: seeker empathy 5 vs 1-3 (mean over supporter turns)",
    good.Where(d => d.Empathy == 5).Select(d => d.Turns).ToList(),
    good.Where(d => d.Empathy <= 3).Select(d => d.Turns).ToList(), t => Mean(t, Support), t => Mean(t, Length));

// 3. Turn level: seeker feedback after a supporter turn, 5 versus 1-3 (MultiESC), 4-5 versus 1-2 (FailedESConv).
var multi = Samples.MultiEscFeedback(Path.Combine(esconv, $"multiesc_{split}.jsonl")).ToList();
report.Add($"MultiESC {split} turns: feedback 5 vs 1-3",
    multi.Where(x => x.Feedback == 5).Select(x => x.Text).ToList(),
    multi.Where(x => x.Feedback <= 3).Select(x => x.Text).ToList(), Support, Length);
if (!tune)
{
    report.Add("FailedESConv turns: feedback 4-5 vs 1-2",
        failed.Feedback.Where(x => x.Feedback >= 4).Select(x => x.Text).ToList(),
        failed.Feedback.Where(x => x.Feedback <= 2).Select(x => x.Text).ToList(), Support, Length);

    // 4. CounselChat: within a question, does the more upvoted answer score higher? (pairwise accuracy = AUC)
    var questions = Samples.CounselChat(Path.Combine(data, "counselchat", "20200325_counsel_chat.csv"));
    report.AddPairs("CounselChat answer pairs: more upvotes vs fewer (same question)", questions, Support, Length);
}

Console.WriteLine(report.ToMarkdown(tune ? "validation splits (tuning)" : "held-out splits"));
return 0;
