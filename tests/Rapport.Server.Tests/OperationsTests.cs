using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rapport.Server.Tests;

/// <summary>Health, readiness, Prometheus metrics, the OpenAPI document (checked in, must not drift) and the local reference page.</summary>
public sealed class OperationsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_readiness_and_metrics_answer_without_a_key_and_metrics_carry_rapport_and_http()
    {
        await using var server = await ServerFixture.StartAsync();
        using var anonymous = server.Client(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("healthz", Ct)).StatusCode);
        var ready = await anonymous.GetAsync("readyz", Ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", (await Json.ReadAsync(ready)).GetProperty("status").GetString());

        using var client = server.Client(server.AdminKey);
        await Json.PostAsync(client, "v1/turns", new { userId = "ana", situation = "I cannot focus" });
        // The request duration is recorded once the response is sent, so it may come after the client has it: poll, up to 30 s.
        var metrics = "";
        for (var i = 0; i < 150 && !(metrics.Contains("http_server_request_duration", StringComparison.Ordinal) && metrics.Contains("rapport_", StringComparison.Ordinal)); i++)
        {
            metrics = await anonymous.GetStringAsync("metrics", Ct);
            await Task.Delay(200, Ct);
        }

        Assert.Contains("http_server_request_duration", metrics, StringComparison.Ordinal);
        Assert.Contains("rapport_", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_served_openapi_document_is_3_1_and_matches_the_checked_in_copy()
    {
        await using var server = await ServerFixture.StartAsync();
        using var anonymous = server.Client(null);
        var served = await anonymous.GetStringAsync("openapi/v1.json", Ct);
        var document = JsonNode.Parse(served)!;
        Assert.StartsWith("3.1", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(document["paths"]!["/v1/turns/{turnId}/complete"]);

        var checkedIn = Path.Combine(AppContext.BaseDirectory, "openapi", "v1.json");
        var repoCopy = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../docs/openapi/v1.json"));
        if (Environment.GetEnvironmentVariable("RAPPORT_UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(repoCopy)!);
            await File.WriteAllTextAsync(repoCopy, Normalize(served) + "\n", Ct);
            return;
        }

        Assert.True(File.Exists(checkedIn), "docs/openapi/v1.json is missing: run the tests with RAPPORT_UPDATE_OPENAPI=1 to write it");
        Assert.True(
            Normalize(await File.ReadAllTextAsync(checkedIn, Ct)) == Normalize(served),
            "The served OpenAPI document differs from docs/openapi/v1.json: the API changed. Review, then rerun with RAPPORT_UPDATE_OPENAPI=1 to update the copy.");
    }

    [Fact]
    public async Task The_reference_page_is_served_locally_with_no_cdn()
    {
        await using var server = await ServerFixture.StartAsync();
        using var anonymous = server.Client(null);
        var page = await anonymous.GetStringAsync("reference", Ct);
        Assert.DoesNotContain("cdn.", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("jsdelivr", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("unpkg", page, StringComparison.OrdinalIgnoreCase);
        var scripts = System.Text.RegularExpressions.Regex.Matches(page, "src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            Assert.False(script.StartsWith("http", StringComparison.OrdinalIgnoreCase) || script.StartsWith("//", StringComparison.Ordinal), script);
            var asset = await anonymous.GetAsync(new Uri(new Uri(server.BaseAddress, "reference/"), script), Ct);
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        }
    }

    private static string Normalize(string json) =>
        JsonSerializer.Serialize(JsonNode.Parse(json), new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n");
}
