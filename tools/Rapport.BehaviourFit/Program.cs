// Splits the self-written behaviour set and fits the behaviour models. From the repository root:
//   dotnet run --project tools/Rapport.BehaviourFit -c Release -- split
//   dotnet run --project tools/Rapport.BehaviourFit -c Release -- fit --shared ../shared/data
//   dotnet run --project tools/Rapport.BehaviourFit -c Release -- quality --shared ../shared/data   default quality weights on validation
using System.Globalization;
using Rapport.BehaviourFit;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var repository = Directory.GetCurrentDirectory();
if (!File.Exists(Path.Combine(repository, "Rapport.slnx")))
{
    Console.Error.WriteLine("Run from the repository root (the folder with Rapport.slnx).");
    return 2;
}

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
switch (args.FirstOrDefault())
{
    case "split":
        Console.WriteLine(SelfWrittenSet.Split(Training.DataFolder(repository)));
        return 0;
    case "fit":
        var shared = Option("--shared") ?? Environment.GetEnvironmentVariable("RAPPORT_SHARED_DATA") ?? "../shared/data";
        if (!Directory.Exists(Path.Combine(shared, "esconv")))
        {
            Console.Error.WriteLine($"No ESConv at '{shared}/esconv'. Pass --shared PATH (the folder with esconv/); the shipped weights use it.");
            return 2;
        }

        Console.WriteLine(FitCommand.Run(repository, shared));
        return 0;
    case "quality":
        Console.WriteLine(await QualityCommand.RunAsync(repository, Option("--shared") ?? Environment.GetEnvironmentVariable("RAPPORT_SHARED_DATA") ?? "../shared/data",
            args.Contains("--test") ? "test" : "valid"));
        return 0;
    case "errors":
        Console.WriteLine(await ErrorsCommand.RunAsync(repository));
        return 0;
    case "classify":
        // One "previous<TAB>turn" per line on stdin; prints the lexical model's code, top probability and supportiveness.
        var scorer = new Rapport.Evaluation.Scorers.SupportivenessEvaluator();
        while (Console.ReadLine() is { } line)
        {
            var parts = line.Split('\t');
            var turn = parts[^1];
            var previous = parts.Length > 1 ? parts[0] : null;
            Console.WriteLine($"{scorer.Score(turn, previous)}");
        }

        return 0;
    default:
        Console.Error.WriteLine("Usage: split | fit [--shared ../shared/data] | quality [--shared ../shared/data] [--test]");
        return 2;
}
