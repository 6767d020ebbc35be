using System.CommandLine;

namespace Rapport.Cli.Commands;

/// <summary>Options every command accepts; one set per command tree (options must not be shared between trees).</summary>
internal sealed class GlobalOptions
{
    /// <summary><c>--store</c>: where memories live.</summary>
    public readonly Option<string?> Store = new("--store")
    {
        Description = "Where memories live: sqlite:<path> or redis:<host>:<port> (default: RAPPORT_STORE, else sqlite:<home>/rapport.db)",
        Recursive = true,
    };

    /// <summary><c>--home</c>: the data folder.</summary>
    public readonly Option<string?> Home = new("--home")
    {
        Description = "The data folder (default: RAPPORT_HOME, else ~/.rapport)",
        Recursive = true,
    };

    /// <summary><c>--json</c>: machine-readable output.</summary>
    public readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON instead of text",
        Recursive = true,
    };
}
