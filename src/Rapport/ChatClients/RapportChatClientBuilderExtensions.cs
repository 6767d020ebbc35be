using Microsoft.Extensions.DependencyInjection;
using Rapport.ChatClients;
using Rapport.SelfImprovement;

#pragma warning disable IDE0130 // Builder extensions live in the builder's namespace, by convention.
namespace Microsoft.Extensions.AI;
#pragma warning restore IDE0130

/// <summary>Adds Rapport's memory to a chat-client pipeline.</summary>
public static class RapportChatClientBuilderExtensions
{
    /// <summary>Adds <see cref="RapportMemoryChatClient"/> over the <see cref="RapportLoop"/> registered by <c>AddRapport(...)</c>.</summary>
    /// <param name="builder">The pipeline builder; build it with the service provider (<c>Build(services)</c>).</param>
    /// <param name="configure">Sets the user, session and default kind.</param>
    /// <exception cref="InvalidOperationException">When built: no <see cref="RapportLoop"/> is registered (call <c>services.AddRapport(...)</c>).</exception>
    public static ChatClientBuilder UseRapportMemory(this ChatClientBuilder builder, Action<RapportMemoryChatClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = Options(configure);
        return builder.Use((inner, services) => new RapportMemoryChatClient(inner, services.GetRequiredService<RapportLoop>(), options));
    }

    /// <summary>Adds <see cref="RapportMemoryChatClient"/> over <paramref name="loop"/>: each turn prepared and completed by it.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="loop">The loop that owns each turn.</param>
    /// <param name="configure">Sets the user, session and default kind.</param>
    public static ChatClientBuilder UseRapportMemory(this ChatClientBuilder builder, RapportLoop loop, Action<RapportMemoryChatClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(loop);
        var options = Options(configure);
        return builder.Use(inner => new RapportMemoryChatClient(inner, loop, options));
    }

    private static RapportMemoryChatClientOptions Options(Action<RapportMemoryChatClientOptions>? configure)
    {
        var options = new RapportMemoryChatClientOptions();
        configure?.Invoke(options);
        return options;
    }
}
