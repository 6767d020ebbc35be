// Rapport in a Microsoft Agent Framework agent: `dotnet run --project samples/Rapport.Samples.AgentFramework [data-folder]`.
using Rapport.Samples;

var folder = args.Length > 0 ? args[0] : Directory.CreateTempSubdirectory("rapport-sample-").FullName;
await AgentFrameworkSample.RunAsync(Console.Out, folder);
Console.WriteLine($"Memories are in {folder}.");
