using Rapport.Memory;
using Rapport.Redis.Internal;

namespace Rapport.Redis.Tests.Internal;

public sealed class VectorEntryCodecTests
{
    [Fact]
    public void Decode_EncodedIntervention_KeepsEveryScanField()
    {
        var at = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero).AddTicks(7);
        var intervention = new Intervention
        {
            Id = "x1", UserId = "ana", CreatedAt = at, Situation = "s", Kind = "brëathing", Text = "t",
            Outcome = InterventionOutcome.NotHelped, Quality = 0.123456789, Embedding = new float[] { 0.5f, -1f, 3.25f },
            EmbeddingModel = "model-ü", ExpiresAt = at.AddDays(30),
        };

        var entry = VectorEntryCodec.Decode("x1", VectorEntryCodec.Encode(intervention));

        Assert.Equal(("x1", "brëathing", InterventionOutcome.NotHelped, (double?)0.123456789, at, at.AddDays(30), "model-ü"),
            (entry.Id, entry.Kind, entry.Outcome, entry.Quality, entry.CreatedAt, entry.ExpiresAt, entry.EmbeddingModel));
        Assert.Equal([0.5f, -1f, 3.25f], entry.Vector.ToArray());
    }

    [Fact]
    public void Encode_OutcomeIsTheFirstByte_SoTheOutcomeScriptCanRewriteIt()
    {
        var intervention = new Intervention
        {
            Id = "x", UserId = "u", CreatedAt = DateTimeOffset.UnixEpoch, Situation = "", Kind = "k", Text = "",
            Outcome = InterventionOutcome.Helped, Embedding = new float[] { 1f }, ExpiresAt = DateTimeOffset.UnixEpoch,
        };

        Assert.Equal((byte)InterventionOutcome.Helped, VectorEntryCodec.Encode(intervention)[0]);
    }
}
