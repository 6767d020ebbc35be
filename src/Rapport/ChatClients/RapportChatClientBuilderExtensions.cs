using Rapport.ChatClients;
using Rapport.SelfImprovement;

#pragma warning disable IDE0130 // Builder extensions live in the builder's namespace, by convention.
namespace Microsoft.Extensions.AI;
#pragma warning restore IDE0130

/// <summary>Adds Rapport's memory to a chat-client pipeline.</summary>
public static class RapportChatClientBuilderExtensions
{
    /// <summary>Adds <see cref="RapportMemoryChatClient"/>: memory context before each turn, scoring and recording after it.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="loop">The loop whose memory, scorers and recorder are used.</param>
    /// <param name="configure">Sets the user, session and default kind.</param>
    public static ChatClientBuilder UseRapportMemory(this ChatClientBuilder builder, RapportLoop loop, Action<RapportMemoryChatClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(loop);
        var options = new RapportMemoryChatClientOptions();
        configure?.Invoke(options);
        return builder.Use(inner => new RapportMemoryChatClient(inner, loop, options));
    }
}
