using Rapport.Evaluation.Runs;
using Rapport.Server.Evaluations;

namespace Rapport.Server.Tests.Evaluations;

/// <summary>The conformance suite on SQLite: one file per tenant, as the server keeps them.</summary>
public sealed class SqliteEvaluationRunStoreTests : EvaluationRunStoreConformanceTests, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rapport-evals-" + Guid.NewGuid().ToString("N"));

    protected override Task<IEvaluationRunStore> OpenAsync(string tenant) =>
        Task.FromResult<IEvaluationRunStore>(SqliteEvaluationRunStore.Open(Path.Combine(_folder, "tenants", tenant, EvaluationRunStores.FileName)));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
