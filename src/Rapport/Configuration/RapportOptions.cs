using Rapport.Memory;
using Rapport.Storage;
using Rapport.Telemetry;

namespace Rapport.Configuration;

/// <summary>Everything that configures Rapport; defaults work with nothing set.</summary>
/// <remarks>
/// Bound from configuration by hosts; the environment variables <c>RAPPORT_HOME</c> and <c>RAPPORT_STORE</c> fill
/// what is not set here, and CLI flags override both. Store packages add their schemes with extension methods
/// such as <c>UseSqlite()</c>.
/// </remarks>
public sealed class RapportOptions
{
    /// <summary>Gets or sets the data folder.</summary>
    /// <value>The default is <c>RAPPORT_HOME</c>, else <c>~/.rapport</c>.</value>
    public string? Home { get; set; }

    /// <summary>Gets or sets the store location, <see cref="StoreLocation.Accepted"/>.</summary>
    /// <value>The default is <c>RAPPORT_STORE</c>, else <c>sqlite:&lt;Home&gt;/rapport.db</c>.</value>
    public string? Store { get; set; }

    /// <summary>Gets how long each type of record is kept.</summary>
    /// <value>The default is 30 days for every type.</value>
    public RetentionOptions Retention { get; } = new();

    /// <summary>Gets how Rapport traces and measures itself.</summary>
    /// <value>The default traces every operation (nearly free with no listener) and records no user text.</value>
    public RapportTelemetryOptions Telemetry { get; } = new();

    /// <summary>Gets the store providers by scheme (<c>sqlite</c>, <c>redis</c>); store packages register theirs.</summary>
    public IDictionary<string, Func<StoreOpenContext, IMemoryStore>> StoreProviders { get; } =
        new Dictionary<string, Func<StoreOpenContext, IMemoryStore>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Opens the configured store with the matching provider.</summary>
    /// <exception cref="ArgumentException">The location is malformed or names a scheme with no provider.</exception>
    public IMemoryStore OpenStore(StoreOpenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!StoreProviders.TryGetValue(context.Location.Scheme, out var open))
        {
            var known = StoreProviders.Count == 0 ? "none is registered" : "registered: " + string.Join(", ", StoreProviders.Keys.Order());
            throw new ArgumentException(
                $"No store provider for '{context.Location.Scheme}:' ({known}). Use {StoreLocation.Accepted}, and register the " +
                "store package (for example options.UseSqlite()).", nameof(context));
        }

        return open(context);
    }

    /// <summary>Throws unless the options are usable.</summary>
    public void Validate()
    {
        Retention.Validate();
        Telemetry.Validate();
        _ = RapportPaths.ResolveStore(Store, RapportPaths.ResolveHome(Home));
    }
}
