namespace Rapport.Cli.Tests.Commands.Eval;

/// <summary>Finds the repository's self-written samples from the test's output folder.</summary>
internal static class EvalSamples
{
    public static string Path(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Rapport.slnx")))
        {
            dir = dir.Parent;
        }

        return System.IO.Path.Combine(dir!.FullName, "samples", file);
    }
}
