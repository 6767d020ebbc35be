using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Rapport.Server.Tests.Mcp;

/// <summary>The official C# MCP client over Streamable HTTP against a fixture's <c>/mcp</c>, and reading tool results.</summary>
public static class McpClients
{
    public static Task<McpClient> ConnectAsync(ServerFixture server, string? key)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(server.BaseAddress, "mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = key is null ? null : new Dictionary<string, string> { ["Authorization"] = "Bearer " + key },
        });
        return McpClient.CreateAsync(transport, cancellationToken: TestContext.Current.CancellationToken);
    }

    public static async Task<CallToolResult> CallAsync(this McpClient client, string tool, object arguments) =>
        await client.CallToolAsync(tool, JsonSerializer.SerializeToElement(arguments).Deserialize<Dictionary<string, object?>>(),
            cancellationToken: TestContext.Current.CancellationToken);

    public static string Text(this CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    /// <summary>Returns the JSON of a successful call; fails the test with the tool's error otherwise.</summary>
    public static JsonElement Json(this CallToolResult result)
    {
        Assert.True(result.IsError is not true, "tool error: " + result.Text());
        return JsonDocument.Parse(result.Text()).RootElement.Clone();
    }
}
