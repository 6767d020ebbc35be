using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Rapport.Server.Mcp;

/// <summary>The MCP server at <c>/mcp</c> (Streamable HTTP), behind the same key authentication as <c>/v1</c>.</summary>
internal static class McpSetup
{
    public static void Register(IServiceCollection services)
    {
    }

    public static void Map(WebApplication app)
    {
    }
}
