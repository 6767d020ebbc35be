using System.Net;
using StackExchange.Redis;

namespace Rapport.Redis.Internal;

/// <summary>Checks the endpoints of a Redis configuration string and names them for people.</summary>
/// <remarks>StackExchange.Redis accepts almost anything (<c>:::::</c> parses as an unspecified host), and a store opened on
/// it would create an outbox for a server that cannot exist; the configuration is checked before anything is created.</remarks>
internal static class RedisEndpoints
{
    private const string Accepted = "use host:port (a host name, an IPv4 address or a [bracketed] IPv6 address, and optionally a port 1-65535), " +
        "several comma-separated for a cluster, optionally followed by StackExchange.Redis options such as password=...";

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="configuration"/> names at least one usable endpoint.</summary>
    public static void Validate(string configuration)
    {
        ConfigurationOptions parsed;
        try
        {
            parsed = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Invalid Redis configuration '{configuration}': {ex.Message.Split(" (Parameter", 2)[0]} ({Accepted}).", ex);
        }

        if (parsed.EndPoints.Count == 0)
        {
            throw new ArgumentException($"Invalid Redis configuration '{configuration}': no endpoint ({Accepted}).");
        }

        foreach (var endpoint in parsed.EndPoints)
        {
            var (host, port) = endpoint switch
            {
                DnsEndPoint dns => (dns.Host, dns.Port),
                IPEndPoint ip => (ip.Address.ToString(), ip.Port),
                _ => ("", 0),
            };
            // Port 0 means "not given": StackExchange.Redis uses 6379 then.
            if (port is < 0 or > 65535 || !(endpoint is IPEndPoint || IsHostName(host)))
            {
                throw new ArgumentException($"Invalid Redis endpoint '{Describe(endpoint)}' in '{configuration}': {Accepted}.");
            }
        }
    }

    /// <summary>Names an endpoint as <c>host:port</c> (StackExchange.Redis prints <c>Unspecified/host:port</c>).</summary>
    public static string Describe(EndPoint? endpoint) => endpoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        IPEndPoint ip => ip.ToString(),
        null => "(none)",
        _ => endpoint.ToString() ?? "(unknown)",
    };

    // RFC 1123 labels: letters, digits and hyphens, dot-separated; underscores are allowed as in container names.
    private static bool IsHostName(string host) =>
        host.Length is > 0 and <= 253
        && host.Split('.').All(label => label.Length is > 0 and <= 63
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            && label[0] != '-' && label[^1] != '-');
}
