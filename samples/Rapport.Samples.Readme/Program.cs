using Microsoft.Extensions.DependencyInjection;
using Rapport.Embeddings.Onnx;
using Rapport.Memory;
using Rapport.Sqlite;

var services = new ServiceCollection();
services.AddRapport(options => options.UseSqlite("./rapport.db").UseLocalEmbeddings());
await using var provider = services.BuildServiceProvider();
var memory = provider.GetRequiredService<RapportMemory>();

var stored = await memory.RecordAsync(new NewIntervention
{
    UserId = "ana", SessionId = "s1", Kind = "breathing",
    Situation = "I feel anxious about my exam tomorrow",
    Text = "Let's take three slow breaths together.",
});
await memory.SetOutcomeAsync(stored.Id, InterventionOutcome.Helped, rating: 5);
Console.WriteLine($"remembered {stored.Kind}, embedded by {stored.EmbeddingModel}");

var hits = await memory.RecallAsync(new RecallRequest
{
    UserId = "ana", Query = "nervous before the test", Outcome = InterventionOutcome.Helped,
});
foreach (var hit in hits) Console.WriteLine($"{hit.Similarity:0.00} {hit.Intervention.Kind}: {hit.Intervention.Text}");
