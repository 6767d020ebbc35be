namespace Rapport.Configuration;

/// <summary>Where memories live, as written in <c>RAPPORT_STORE</c> or <c>--store</c>: <c>scheme:target</c>.</summary>
/// <param name="Scheme">The backend, for example <c>sqlite</c> or <c>redis</c>, lowercase.</param>
/// <param name="Target">What the backend opens, for example a file path or <c>host:port</c>.</param>
public sealed record StoreLocation(string Scheme, string Target)
{
    /// <summary>The accepted forms, for error messages.</summary>
    public const string Accepted = "sqlite:<path> or redis:<host>:<port>";

    /// <summary>Parses <c>scheme:target</c>; throws an <see cref="ArgumentException"/> that shows the accepted forms.</summary>
    public static StoreLocation Parse(string? text)
    {
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon <= 0 || colon == text.Length - 1)
        {
            throw new ArgumentException($"Invalid store '{text}': use {Accepted}.", nameof(text));
        }

        var scheme = text[..colon].Trim().ToLowerInvariant();
        var target = text[(colon + 1)..].Trim();
        return target.Length == 0
            ? throw new ArgumentException($"Invalid store '{text}': use {Accepted}.", nameof(text))
            : new StoreLocation(scheme, target);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Scheme}:{Target}";
}
