// Rapport in a Microsoft Agent Framework agent: `dotnet run --project samples/Rapport.Samples.AgentFramework [data-folder]`.
using Rapport.Samples;

// Without a folder the sample works in a temporary one and removes it after: a run leaves nothing behind.
var keep = args.Length > 0;
var folder = keep ? args[0] : Directory.CreateTempSubdirectory("rapport-sample-").FullName;
await AgentFrameworkSample.RunAsync(Console.Out, folder);
if (keep)
{
    Console.WriteLine($"Memories are in {folder}.");
}
else
{
    try
    {
        Directory.Delete(folder, recursive: true);
        Console.WriteLine("The memories were in a temporary folder, now removed; pass a folder to keep them.");
    }
    catch (IOException e)
    {
        Console.WriteLine($"Memories are in {folder} (not removed: {e.Message}).");
    }
}
