using System.Diagnostics;
using System.Text.Json;
using Rapport.Embeddings.Onnx;

namespace Rapport.Cli.Tests.Commands;

public sealed class DoctorCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task Doctor_HealthySetup_PrintsEachPartAndExitsZero()
    {
        var result = await _cli.RunAsync("doctor", "--json");

        Assert.Equal(0, result.ExitCode);
        var report = JsonDocument.Parse(result.Output).RootElement;
        Assert.True(report.GetProperty("healthy").GetBoolean());
        var checks = report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c);
        Assert.Contains(_cli.Home, checks["data folder"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith($"sqlite:{_cli.Home}", checks["store"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("hashing (RAPPORT_EMBEDDER)", checks["embedder choice"].GetProperty("detail").GetString());
        Assert.StartsWith("hashing-384: 384 dimensions", checks["test embedding"].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_ShowsOutboxTraceStoreAndOtlpRows_WithoutContactingTheEndpoint()
    {
        var quiet = (await _cli.RunAsync("doctor", "--json")).Output;
        _cli.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9/otlp";
        var exporting = (await _cli.RunAsync("doctor", "--json")).Output;

        string Detail(string json, string name) => JsonDocument.Parse(json).RootElement.GetProperty("checks").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == name).GetProperty("detail").GetString()!;
        Assert.StartsWith("not used", Detail(quiet, "outbox"), StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_cli.Home, "traces.db"), Detail(quiet, "trace store"), StringComparison.Ordinal);
        Assert.Contains("user text off", Detail(quiet, "trace store"), StringComparison.Ordinal);
        Assert.StartsWith("off", Detail(quiet, "otlp export"), StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:9/otlp/v1/traces", Detail(exporting, "otlp export"), StringComparison.Ordinal);
        Assert.Contains("user text off", Detail(exporting, "otlp export"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_StoreCannotBeOpened_FailsThatCheckWithAFixAndExitsOne()
    {
        var file = Path.Combine(_cli.Home, "a-file");
        await File.WriteAllTextAsync(file, "not a folder", TestContext.Current.CancellationToken);

        var result = await _cli.RunAsync("doctor", "--json", "--store", $"sqlite:{file}/rapport.db");

        Assert.Equal(1, result.ExitCode);
        var checks = JsonDocument.Parse(result.Output).RootElement.GetProperty("checks").EnumerateArray().ToList();
        var store = checks.Single(c => c.GetProperty("name").GetString() == "store");
        Assert.Equal("fail", store.GetProperty("status").GetString());
        Assert.Contains("RAPPORT_STORE", store.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.Equal("ok", checks.Single(c => c.GetProperty("name").GetString() == "test embedding").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Doctor_FreshProcessWithNothingSet_UsesTheLocalModel()
    {
        if (!new ModelFiles(ModelLocation.ResolveModelDirectory()).Exist)
        {
            Assert.Skip($"The model is not in {ModelLocation.ResolveModelDirectory()} (npm missing or offline at build time).");
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Rapport.Cli.dll"));
        start.ArgumentList.Add("doctor");
        start.ArgumentList.Add("--json");
        start.Environment["RAPPORT_HOME"] = _cli.Home;
        start.Environment.Remove("RAPPORT_EMBEDDER");
        start.Environment.Remove("RAPPORT_STORE");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, error);
        var checks = JsonDocument.Parse(output).RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("detail").GetString());
        Assert.Equal("minilm (default)", checks["embedder choice"]);
        Assert.StartsWith($"{MiniLmModel.ModelId}: 384 dimensions", checks["test embedding"], StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
