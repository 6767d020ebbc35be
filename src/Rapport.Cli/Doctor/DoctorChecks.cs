using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Rapport.Cli.Hosting;
using Rapport.Configuration;
using Rapport.Embeddings;
using Rapport.Embeddings.Onnx;
using Rapport.Storage;

namespace Rapport.Cli.Doctor;

/// <summary>The checks of <c>rapport doctor</c>: data folder, store, embedder choice, model files, graph cache, a test embedding, the chat model.</summary>
/// <remarks>Each check catches its own failure and turns it into a <see cref="DoctorCheck"/> with a fix, so one broken part
/// never hides the state of the others.</remarks>
internal static class DoctorChecks
{
    public static async Task<IReadOnlyList<DoctorCheck>> RunAsync(CliHost host, CancellationToken cancellationToken)
    {
        var (embedder, isExplicit) = RapportPaths.ResolveEmbedder(host.Options.Embedder, host.Options.DefaultEmbedder);
        List<DoctorCheck> checks = [DataFolder(host.Home), await StoreAsync(host, cancellationToken).ConfigureAwait(false)];
        checks.Add(DoctorPipelineChecks.Outbox(host));
        checks.Add(DoctorPipelineChecks.TraceStore(host));
        checks.Add(DoctorPipelineChecks.Otlp(host));
        checks.Add(new DoctorCheck(
            "embedder choice",
            host.Options.EmbedderProviders.ContainsKey(embedder) ? DoctorStatus.Ok : DoctorStatus.Fail,
            $"{embedder} ({(isExplicit ? RapportPaths.EmbedderVariable : "default")})",
            host.Options.EmbedderProviders.ContainsKey(embedder) ? null : $"Set {RapportPaths.EmbedderVariable} to one of: {string.Join(", ", host.Options.EmbedderProviders.Keys.Order())}."));
        if (embedder == MiniLmModel.EmbedderName)
        {
            checks.Add(ModelFilesCheck(isExplicit));
            checks.Add(GraphCacheCheck());
        }

        checks.Add(await EmbeddingAsync(host, cancellationToken).ConfigureAwait(false));
        checks.Add(ChatModelCheck(host));
        return checks;
    }

    // Shows the configuration only: doctor does not call the model (a call may cost money and wait on a remote service).
    private static DoctorCheck ChatModelCheck(CliHost host)
    {
        try
        {
            return host.ChatModel() is { } chat
                ? new DoctorCheck("chat model", DoctorStatus.Ok, $"{chat.Describe()}; not contacted by doctor")
                : new DoctorCheck("chat model", DoctorStatus.Ok, "none configured, so LLM-judge scorers are off and chat words its turns offline (offline scorers need none)");
        }
        catch (ArgumentException e)
        {
            return new DoctorCheck("chat model", DoctorStatus.Fail, e.Message, $"To use LLM judges, {ChatModelSettings.HowToConfigure}; to use none, unset the {ChatModelSettings.ProviderVariable} and RAPPORT_CHAT_* variables.");
        }
    }

    private static DoctorCheck DataFolder(string home)
    {
        try
        {
            Directory.CreateDirectory(home);
            var probe = Path.Combine(home, $".doctor-{Environment.ProcessId}.tmp");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
            return new DoctorCheck("data folder", DoctorStatus.Ok, $"{home} (writable)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new DoctorCheck("data folder", DoctorStatus.Fail, $"{home}: {e.Message}",
                $"Make the folder writable, or point {RapportPaths.HomeVariable} (or --home) at a writable folder.");
        }
    }

    private static async Task<DoctorCheck> StoreAsync(CliHost host, CancellationToken cancellationToken)
    {
        try
        {
            var stats = await host.Store.GetStatsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new DoctorCheck("store", DoctorStatus.Ok,
                string.Create(CultureInfo.InvariantCulture, $"{host.Store.Description}: {stats.Interventions} interventions of {stats.Users} users"));
        }
        catch (Exception e) when (e is MemoryStoreException or ArgumentException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            var fix = host.StoreLocation.Scheme == "sqlite"
                ? $"Make sure the folder of {host.StoreLocation.Target} exists and is writable, or set {RapportPaths.StoreVariable} (or --store) to {StoreLocation.Accepted}."
                : $"Make sure the server at {host.StoreLocation.Target} is running and reachable, or set {RapportPaths.StoreVariable} (or --store) to {StoreLocation.Accepted}.";
            return new DoctorCheck("store", DoctorStatus.Fail, $"{host.StoreLocation}: {e.Message}", fix);
        }
    }

    private static DoctorCheck ModelFilesCheck(bool isExplicit)
    {
        var files = new ModelFiles(ModelLocation.ResolveModelDirectory());
        var source = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ModelLocation.ModelDirVariable)) ? ModelLocation.ModelDirVariable
            : files.Directory == Path.GetFullPath(ModelLocation.BundledModelDirectory()) ? "shipped with the tool"
            : "build cache";
        if (!files.Exist)
        {
            return new DoctorCheck("model files", isExplicit ? DoctorStatus.Fail : DoctorStatus.Warn,
                $"{files.Directory} ({source}): absent{(isExplicit ? "" : ", so the hashing embedder is used instead")}", MiniLmModel.HowToGet);
        }

        try
        {
            files.Verify();
            return new DoctorCheck("model files", DoctorStatus.Ok, $"{files.Directory} ({source}): {MiniLmModel.ModelId}, SHA-256 verified");
        }
        catch (EmbeddingModelException e)
        {
            return new DoctorCheck("model files", DoctorStatus.Fail, e.Message,
                $"Delete {files.Directory} and run `dotnet build` to fetch it again, or point {ModelLocation.ModelDirVariable} at intact files.");
        }
    }

    private static DoctorCheck GraphCacheCheck()
    {
        var folder = ModelLocation.ResolveGraphCacheDirectory();
        var cached = Directory.Exists(folder) && Directory.EnumerateFiles(folder, MiniLmModel.ModelId + "-*.onnx").Any();
        return new DoctorCheck("graph cache", DoctorStatus.Ok,
            cached ? $"{folder}: ONNX graph cached" : $"{folder}: no graph yet; it is built from the weights on first use (a few seconds) and cached");
    }

    private static async Task<DoctorCheck> EmbeddingAsync(CliHost host, CancellationToken cancellationToken)
    {
        try
        {
            var clock = Stopwatch.StartNew();
            var embedder = host.Embedder;
            var loaded = clock.Elapsed;
            var vector = await embedder.GenerateVectorAsync("I feel anxious about my exam tomorrow", cancellationToken: cancellationToken).ConfigureAwait(false);
            return new DoctorCheck("test embedding", DoctorStatus.Ok, string.Create(CultureInfo.InvariantCulture,
                $"{EmbedderIdentity.Of(embedder)}: {vector.Length} dimensions; loaded in {loaded.TotalMilliseconds:F0} ms, embedded in {(clock.Elapsed - loaded).TotalMilliseconds:F0} ms"));
        }
        catch (Exception e) when (e is EmbeddingModelException or ArgumentException or IOException or InvalidOperationException)
        {
            return new DoctorCheck("test embedding", DoctorStatus.Fail, e.Message,
                $"Fix the model files (see above), or set {RapportPaths.EmbedderVariable}=hashing to use the hashing embedder.");
        }
    }
}
