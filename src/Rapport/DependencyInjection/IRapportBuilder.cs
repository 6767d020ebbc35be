using Rapport.Configuration;

#pragma warning disable IDE0130 // Builders for IServiceCollection live in its namespace, by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>What <c>AddRapport(...)</c> returns: the service collection Rapport was added to, and the calls that configure it.</summary>
/// <remarks>Packages add their parts as extension methods on this interface (<c>AddScorers()</c> in Rapport.Evaluation).</remarks>
public interface IRapportBuilder
{
    /// <summary>Gets the service collection Rapport is registered in.</summary>
    IServiceCollection Services { get; }

    /// <summary>Adds a configuration of <see cref="RapportOptions"/>, applied after the earlier ones.</summary>
    /// <returns>This builder.</returns>
    IRapportBuilder Configure(Action<RapportOptions> configure);
}
