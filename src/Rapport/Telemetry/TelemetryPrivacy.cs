namespace Rapport.Telemetry;

/// <summary>What Rapport's spans may carry about a user: the user-id hash, and user text only when opted in.</summary>
/// <remarks>Immutable and thread-safe; one instance is shared by the tracing decorators of a host.</remarks>
public sealed class TelemetryPrivacy
{
    /// <summary>Creates the policy.</summary>
    /// <param name="pseudonymizer">Hashes user ids for <c>rapport.user.hash</c>.</param>
    /// <param name="includeSensitiveData">Whether user text and raw user ids may be recorded.</param>
    public TelemetryPrivacy(UserIdPseudonymizer pseudonymizer, bool includeSensitiveData = false)
    {
        Pseudonymizer = pseudonymizer ?? throw new ArgumentNullException(nameof(pseudonymizer));
        IncludeSensitiveData = includeSensitiveData;
    }

    /// <summary>Gets the default: no user text, user ids hashed with a per-process key.</summary>
    public static TelemetryPrivacy Default { get; } = new(UserIdPseudonymizer.CreateEphemeral());

    /// <summary>Gets the user-id hasher.</summary>
    public UserIdPseudonymizer Pseudonymizer { get; }

    /// <summary>Gets whether user text and raw user ids may be recorded.</summary>
    public bool IncludeSensitiveData { get; }

    /// <summary>Creates the policy from options, with the key from the options or from the data folder.</summary>
    public static TelemetryPrivacy FromOptions(RapportTelemetryOptions options, string home)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pseudonymizer = options.UserIdKey is { } key
            ? new UserIdPseudonymizer(key.ToArray())
            : UserIdPseudonymizer.ForHome(home);
        return new TelemetryPrivacy(pseudonymizer, options.IncludeSensitiveData);
    }
}
