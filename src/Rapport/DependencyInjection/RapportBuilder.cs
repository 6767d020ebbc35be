using Rapport.Configuration;

#pragma warning disable IDE0130 // Builders for IServiceCollection live in its namespace, by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>The one implementation of <see cref="IRapportBuilder"/>.</summary>
internal sealed class RapportBuilder(IServiceCollection services) : IRapportBuilder
{
    public IServiceCollection Services { get; } = services;

    public IRapportBuilder Configure(Action<RapportOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }
}
