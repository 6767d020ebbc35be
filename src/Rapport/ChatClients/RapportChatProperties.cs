namespace Rapport.ChatClients;

/// <summary>The keys of <c>ChatOptions.AdditionalProperties</c> and <c>ChatResponse.AdditionalProperties</c> Rapport reads and writes.</summary>
public static class RapportChatProperties
{
    /// <summary>Request: the user the turn is for (a string); overrides the middleware's configured user.</summary>
    public const string UserId = "rapport.user_id";

    /// <summary>Request: the session (a string); overrides the configured session.</summary>
    public const string SessionId = "rapport.session_id";

    /// <summary>Response: the kind of intervention the agent made (a string), when the agent knows it.</summary>
    public const string Kind = "rapport.kind";

    /// <summary>Response (written by Rapport): the id of the recorded intervention, for reporting its outcome later.</summary>
    public const string InterventionId = "rapport.intervention_id";

    /// <summary>Response (written by Rapport): the overall quality the response was scored at, when it was scored.</summary>
    public const string Quality = "rapport.quality";

    /// <summary>Response (written by Rapport): the kind of intervention memory recommended for the turn (a string).</summary>
    public const string RecommendedKind = "rapport.recommended_kind";
}
