using System.Reflection;
using System.Text.RegularExpressions;

namespace Rapport.Samples.Tests;

/// <summary>Where this checkout is, the configuration the tests were built in, and the README's example.</summary>
internal static partial class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    public static string ReadmeSampleFolder => Path.Combine(Root, "samples", "Rapport.Samples.Readme");

    /// <summary>The C# block under "## The library in 20 lines" in README.md.</summary>
    public static string ReadmeExample()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md")).ReplaceLineEndings("\n");
        var match = LibraryExample().Match(readme);
        Assert.True(match.Success, "README.md has no ```csharp block under '## The library in 20 lines'");
        return match.Groups["code"].Value;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Rapport.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Rapport.slnx above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"## The library in 20 lines\n(?:(?!\n## ).)*?```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex LibraryExample();
}
