namespace Rapport.Redis.Outbox;

/// <summary>The kinds of write the outbox keeps.</summary>
internal static class OutboxKinds
{
    public const string Interventions = "interventions";
    public const string Reflection = "reflection";
    public const string Profile = "profile";
    public const string Outcome = "outcome";
}
