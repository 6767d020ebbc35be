using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Rapport.Evaluation.Internal;

namespace Rapport.Evaluation.Judges;

/// <summary>Microsoft.Extensions.AI's distributed cache for judge replies, keeping only replies that carry a usable score.</summary>
/// <remarks>
/// A reply without a score is answered to the caller (who records it as a failed score) but not kept, so a later
/// evaluation asks again. Each caller's call runs under its own cancellation token: nothing in flight is shared, so one
/// caller's cancellation never reaches another.
/// </remarks>
internal sealed class JudgeVerdictCachingChatClient(IChatClient innerClient, IDistributedCache storage)
    : DistributedCachingChatClient(innerClient, storage)
{
    protected override Task WriteCacheAsync(string key, ChatResponse value, CancellationToken cancellationToken) =>
        JudgeReplyParser.TryParse(value.Text, out _) ? base.WriteCacheAsync(key, value, cancellationToken) : Task.CompletedTask;
}
