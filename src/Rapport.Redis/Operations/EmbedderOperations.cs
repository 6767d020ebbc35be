using System.Runtime.InteropServices;
using Rapport.Redis.Internal;
using Rapport.Redis.Resilience;
using Rapport.Storage;
using StackExchange.Redis;

namespace Rapport.Redis.Operations;

/// <summary>The store's embedder binding and vector replacement (re-embedding).</summary>
/// <remarks>
/// Thread-safe. Reading the binding degrades during an outage (the write it guards is queued in the outbox anyway); binding
/// and replacing vectors are maintenance calls and throw <see cref="MemoryStoreException"/> when Redis is unreachable.
/// </remarks>
internal sealed class EmbedderOperations(RedisStoreContext context, OutageBudgetPolicy budget)
{
    public Task<string?> GetAsync(CancellationToken cancellationToken) =>
        budget.ReadOrDegradeAsync<string?>(
            "embedder",
            async () => (string?)await context.Db.StringGetAsync(context.Keys.Embedder).ConfigureAwait(false),
            null,
            cancellationToken,
            guardsWrite: true);

    public Task<string> BindAsync(string model, bool replace, CancellationToken cancellationToken)
    {
        MemoryRecordValidator.ValidateEmbedderName(model, nameof(model));
        return replace
            ? budget.MaintainAsync("bind_embedder", () => EvalBindAsync(model, replace: true), cancellationToken)
            : budget.ReadOrDegradeAsync("bind_embedder", () => EvalBindAsync(model, replace: false), model, cancellationToken, guardsWrite: true);
    }

    public Task<int> ReplaceAsync(string userId, IReadOnlyList<EmbeddingReplacement> replacements, CancellationToken cancellationToken)
    {
        MemoryRecordValidator.Validate(userId, replacements);
        if (replacements.Count == 0)
        {
            return Task.FromResult(0);
        }

        var now = RedisInstants.Ticks(context.Now);
        return budget.MaintainAsync(
            "reembed",
            async () =>
            {
                var arguments = new RedisValue[1 + (4 * replacements.Count)];
                arguments[0] = now;
                for (var i = 0; i < replacements.Count; i++)
                {
                    var r = replacements[i];
                    arguments[1 + (4 * i)] = r.Id;
                    arguments[2 + (4 * i)] = r.ExpectedModel;
                    arguments[3 + (4 * i)] = r.Model;
                    arguments[4 + (4 * i)] = MemoryMarshal.AsBytes(r.Embedding.Span).ToArray();
                }

                return (int)await context.EvalAsync(RedisScripts.Reembed, userId, arguments).ConfigureAwait(false);
            },
            cancellationToken);
    }

    private async Task<string> EvalBindAsync(string model, bool replace) =>
        (string)(await context.Db.ScriptEvaluateAsync(RedisScripts.BindEmbedder, [context.Keys.Embedder], [model, replace ? "1" : "0"])
            .ConfigureAwait(false))!;
}
