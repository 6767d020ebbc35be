namespace Rapport.ChatClients;

/// <summary>Configures <see cref="RapportMemoryChatClient"/>.</summary>
public sealed class RapportMemoryChatClientOptions
{
    /// <summary>Gets or sets the user of every turn without a <see cref="RapportChatProperties.UserId"/> option.</summary>
    /// <value>The default is <see langword="null"/>: such turns pass through without memory.</value>
    public string? UserId { get; set; }

    /// <summary>Gets or sets the session of every turn without a <see cref="RapportChatProperties.SessionId"/> option.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? SessionId { get; set; }

    /// <summary>Gets or sets the kind recorded when the response names none (no <see cref="RapportChatProperties.Kind"/>, no tool call with a <c>kind</c>).</summary>
    /// <value>The default is <c>conversation</c>.</value>
    public string DefaultKind { get; set; } = "conversation";
}
