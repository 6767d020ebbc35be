using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Rapport.Server.Mcp;

/// <summary>The MCP server at <c>/mcp</c>: Streamable HTTP, stateless (any instance answers any request, no session affinity),
/// behind the same API-key authentication and per-key rate limit as <c>/v1</c>.</summary>
internal static class McpEndpoint
{
    /// <summary>The path.</summary>
    public const string Path = "/mcp";

    /// <summary>Tool results as the <c>/v1</c> API writes them: camelCase, enums as names.</summary>
    public static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>Registers the MCP server and its tools.</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddMcpServer(o => o.ServerInfo = new Implementation
            {
                Name = "rapport",
                Title = "Rapport memory",
                Version = typeof(McpEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0",
            })
            .WithHttpTransport(h => h.Stateless = true)
            .WithTools<RapportTools>(Json)
            .WithRequestFilters(f => f.AddCallToolFilter(McpToolErrors.Filter));
    }

    /// <summary>Maps <c>/mcp</c>, requiring a key (or dev mode).</summary>
    public static void Map(IEndpointRouteBuilder app) => app.MapMcp(Path).RequireAuthorization();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(McpJsonUtilities.DefaultOptions);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }
}
