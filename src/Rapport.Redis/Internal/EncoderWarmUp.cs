namespace Rapport.Redis.Internal;

/// <summary>Runs the record encoders once at open, so that the first agent turn does not pay for compiling the write path.</summary>
internal static class EncoderWarmUp
{
    public static void Run()
    {
        var now = DateTimeOffset.UnixEpoch;
        var sample = new Memory.Intervention
        {
            Id = "warmup", UserId = "warmup", CreatedAt = now, Situation = "", Kind = "k", Text = "", Embedding = new float[] { 1f }, ExpiresAt = now,
        };
        _ = Outbox.OutboxPayloads.ReadInterventions(Outbox.OutboxPayloads.Interventions([sample]));
        _ = InterventionValue.Decode(sample.Id, sample.UserId, InterventionValue.Encode(sample));
    }
}
