using System.Runtime.CompilerServices;

namespace Rapport.Cli.Tests;

/// <summary>CLI tests run with the hashing embedder unless a test asks otherwise: they test the commands, and loading the
/// neural model in every command (every process) would make them slow. Child processes inherit the variable.</summary>
internal static class HashingEmbedderByDefault
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("RAPPORT_EMBEDDER")))
        {
            Environment.SetEnvironmentVariable("RAPPORT_EMBEDDER", "hashing");
        }
    }
}
