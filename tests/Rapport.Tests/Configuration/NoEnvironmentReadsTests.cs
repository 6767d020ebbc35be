using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Rapport.Memory;

namespace Rapport.Tests.Configuration;

/// <summary>The core never reads environment variables: hosts bind <c>RAPPORT_*</c> into configuration (issue 13).</summary>
public sealed class NoEnvironmentReadsTests
{
    [Fact]
    public void CoreAssembly_ReferencesNoEnvironmentVariableRead()
    {
        using var stream = File.OpenRead(typeof(RapportMemory).Assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();

        // Any call to Environment.GetEnvironmentVariable(s) compiles to a member reference on System.Environment.
        var reads = metadata.MemberReferences
            .Select(metadata.GetMemberReference)
            .Where(m => m.Parent.Kind == HandleKind.TypeReference
                && metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)m.Parent).Name) == nameof(Environment)
                && metadata.GetString(m.Name).StartsWith("GetEnvironmentVariable", StringComparison.Ordinal))
            .Select(m => metadata.GetString(m.Name))
            .ToList();

        Assert.Empty(reads);
    }

    [Fact]
    public void CoreSources_CallNoEnvironmentVariableRead()
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "Rapport.slnx")))
        {
            root = Path.GetDirectoryName(root);
        }

        Assert.SkipWhen(root is null, "The source tree (Rapport.slnx) is not above the test's folder; the assembly test still runs.");
        var offenders = Directory.EnumerateFiles(Path.Combine(root!, "src", "Rapport"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("GetEnvironmentVariable", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root!, f))
            .ToList();

        Assert.Empty(offenders);
    }
}
