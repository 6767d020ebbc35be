using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Rapport.Server;
using Rapport.Server.Keys;

namespace Rapport.Server.Tests;

/// <summary>A real Rapport server on Kestrel, bound to 127.0.0.1 on a free port, over a temporary data folder.</summary>
public sealed class ServerFixture : IAsyncDisposable
{
    private ServerFixture(RapportServerApp app, string home)
    {
        App = app;
        Home = home;
        BaseAddress = new Uri(app.Addresses[0].TrimEnd('/') + "/");
    }

    public RapportServerApp App { get; }

    public string Home { get; }

    public Uri BaseAddress { get; }

    public string AdminKey => App.FirstAdminKey!;

    public static async Task<ServerFixture> StartAsync(Action<RapportServerOptions>? configure = null)
    {
        var home = Path.Combine(Path.GetTempPath(), "rapport-server-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(home);
        var options = new RapportServerOptions { Home = home, Urls = "http://127.0.0.1:0", Embedder = "hashing", LocalTraces = false, Environment = _ => null };
        configure?.Invoke(options);
        var app = await RapportServer.CreateAsync(options, LogLevel.Warning);
        await app.StartAsync();
        return new ServerFixture(app, home);
    }

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async Task<string> CreateKeyAsync(string tenant, string? user = null)
    {
        var (secret, key) = ApiKeys.Create(tenant, user, admin: false, TimeProvider.System);
        await App.Keys.AddAsync(key);
        return secret;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Small JSON helpers for responses.</summary>
public static class Json
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken));

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
