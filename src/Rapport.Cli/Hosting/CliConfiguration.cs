using Microsoft.Extensions.Configuration;
using Rapport.Configuration;
using Rapport.Telemetry;

namespace Rapport.Cli.Hosting;

/// <summary>The CLI's configuration: the <c>RAPPORT_</c> environment variables, bound to <see cref="RapportOptions"/> by the host.</summary>
/// <remarks>The core never reads the environment; this host does, through Microsoft.Extensions.Configuration's environment
/// provider (<c>RAPPORT_HOME</c> → <c>Home</c>, <c>RAPPORT_STORE</c> → <c>Store</c>, <c>RAPPORT_EMBEDDER</c> → <c>Embedder</c>,
/// and any nested option as <c>RAPPORT_SEARCH__MODE</c>). Flags override what it finds.</remarks>
internal static class CliConfiguration
{
    /// <summary>The prefix of the environment variables bound to the options.</summary>
    public const string Prefix = "RAPPORT_";

    /// <summary>Reads the process's <c>RAPPORT_*</c> variables, without the prefix.</summary>
    public static IConfiguration FromEnvironment() => new ConfigurationBuilder().AddEnvironmentVariables(Prefix).Build();

    /// <summary>Binds <paramref name="configuration"/> to <paramref name="options"/>.</summary>
    public static void Bind(IConfiguration configuration, RapportOptions options)
    {
        configuration.Bind(options);
        // The documented name of this one predates the nested form (TELEMETRY__INCLUDESENSITIVEDATA), which also works.
        var sensitive = configuration[RapportTelemetryOptions.SensitiveDataVariable[Prefix.Length..]];
        if (string.Equals(sensitive, "true", StringComparison.OrdinalIgnoreCase))
        {
            options.Telemetry.IncludeSensitiveData = true;
        }
    }
}
