// Rapport as IChatClient middleware: `dotnet run --project samples/Rapport.Samples.ChatClient [data-folder]`.
using Rapport.Samples;

var folder = args.Length > 0 ? args[0] : Directory.CreateTempSubdirectory("rapport-sample-").FullName;
await ChatClientSample.RunAsync(Console.Out, folder);
Console.WriteLine($"Memories are in {folder}.");
