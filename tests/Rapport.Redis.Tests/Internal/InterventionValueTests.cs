using System.Text;
using Rapport.Memory;
using Rapport.Redis.Internal;

namespace Rapport.Redis.Tests.Internal;

public sealed class InterventionValueTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero).AddTicks(7);

    [Fact]
    public void Decode_EncodedIntervention_RoundTripsEveryField()
    {
        var full = Sample() with
        {
            SessionId = "s-1", Tool = "timer", Rating = 4, OutcomeAt = At.AddMinutes(3), Quality = 0.123456789,
            Scores = new Dictionary<string, double> { ["brevity"] = 0.5, ["warmth"] = 1 },
            Metadata = new Dictionary<string, string> { ["lang"] = "de", ["note"] = "\"quoted\" ü" },
        };

        var decoded = InterventionValue.Decode(full.Id, full.UserId, InterventionValue.Encode(full));

        Assert.Equal(Comparable(full), Comparable(decoded));
        Assert.Equal(full.Embedding.ToArray(), decoded.Embedding.ToArray());
        Assert.Equal(full.Scores, decoded.Scores);
        Assert.Equal(full.Metadata, decoded.Metadata);
    }

    [Fact]
    public void Decode_NoOptionalValues_KeepsThemAbsent()
    {
        var bare = Sample();

        var decoded = InterventionValue.Decode(bare.Id, bare.UserId, InterventionValue.Encode(bare));

        Assert.Equal((null, null, null, null, null), (decoded.SessionId, decoded.Tool, decoded.Rating, decoded.OutcomeAt, decoded.Quality));
        Assert.Empty(decoded.Scores);
        Assert.Empty(decoded.Metadata);
    }

    [Fact]
    public void DecodeEntry_KeepsEveryScanField()
    {
        var intervention = Sample() with { SessionId = "s-1", Quality = 0.25, Outcome = InterventionOutcome.NotHelped };

        var entry = InterventionValue.DecodeEntry("x1", InterventionValue.Encode(intervention));

        Assert.Equal(
            ("x1", "brëathing", InterventionOutcome.NotHelped, (double?)0.25, At, At.AddDays(30), "model-ü", "I feel tense", "Breathe with me", "s-1"),
            (entry.Id, entry.Kind, entry.Outcome, entry.Quality, entry.CreatedAt, entry.ExpiresAt, entry.EmbeddingModel, entry.Situation, entry.Text, entry.SessionId));
        Assert.Equal(intervention.Embedding.ToArray(), entry.Vector.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("abc")]
    public void DecodeEntry_VectorAtAnyByteOffset_ReadsTheSameFloats(string situation)
    {
        // The vector is a view of the value (no copy), starting wherever the texts before it end.
        var intervention = Sample() with { Situation = situation, Embedding = new float[] { 0.1f, -2.5f, float.Epsilon, 3e8f, -0f } };

        var entry = InterventionValue.DecodeEntry("x1", InterventionValue.Encode(intervention));

        Assert.Equal(intervention.Embedding.ToArray(), entry.Vector.ToArray());
        Assert.Equal(intervention.Embedding.Span[1], entry.Vector.Span[1]);
        Assert.Equal(5, entry.Vector.Length);
    }

    // The scripts compare the first 19 bytes with the store's clock as strings, and read the summary from a fixed prefix.
    [Fact]
    public void Encode_StartsWithExpiryTicks_AndFitsTheSummaryInItsPrefix()
    {
        var intervention = Sample() with { Kind = new string('k', MemoryLimits.MaxNameLength), OutcomeAt = At.AddHours(1) };
        var value = InterventionValue.Encode(intervention);

        Assert.Equal(RedisInstants.Ticks(intervention.ExpiresAt), Encoding.ASCII.GetString(value, 0, 19));
        var summary = InterventionValue.DecodeSummary(value.AsSpan(0, InterventionValue.SummaryPrefixLength));
        Assert.Equal((intervention.Kind, InterventionOutcome.Unknown, At, (DateTimeOffset?)At.AddHours(1)), summary);
    }

    [Fact]
    public void OutcomePatch_AtItsOffset_UpdatesOutcomeRatingAndTime()
    {
        var value = InterventionValue.Encode(Sample() with { Rating = 2 });

        InterventionValue.OutcomePatch(InterventionOutcome.Helped, 5, At.AddDays(1)).CopyTo(value, InterventionValue.OutcomeOffset);
        var decoded = InterventionValue.Decode("x1", "ana", value);

        Assert.Equal((InterventionOutcome.Helped, (int?)5, (DateTimeOffset?)At.AddDays(1)), (decoded.Outcome, decoded.Rating, decoded.OutcomeAt));
        Assert.Equal("Breathe with me", decoded.Text);
    }

    [Fact]
    public void OutcomePatch_NoRating_ClearsTheRating()
    {
        var value = InterventionValue.Encode(Sample() with { Rating = 2 });

        InterventionValue.OutcomePatch(InterventionOutcome.NotHelped, null, At).CopyTo(value, InterventionValue.OutcomeOffset);

        Assert.Null(InterventionValue.Decode("x1", "ana", value).Rating);
    }

    [Fact]
    public void IsLive_ComparesExpiryWithNow_AndAnEmptyValueIsNeverLive()
    {
        var value = InterventionValue.Encode(Sample());

        Assert.True(InterventionValue.IsLive(value, At.AddDays(30).AddTicks(-1)));
        Assert.False(InterventionValue.IsLive(value, At.AddDays(30)));
        Assert.False(InterventionValue.IsLive([], At));
    }

    [Fact]
    public void Decode_OtherLayout_Throws()
    {
        var value = InterventionValue.Encode(Sample());
        value[19] = (byte)'1';

        Assert.Throws<InvalidDataException>(() => InterventionValue.Decode("x1", "ana", value));
    }

    private static Intervention Sample() => new()
    {
        Id = "x1", UserId = "ana", CreatedAt = At, Situation = "I feel tense", Kind = "brëathing", Text = "Breathe with me",
        Outcome = InterventionOutcome.Unknown, Embedding = new float[] { 0.5f, -1f, 3.25f }, EmbeddingModel = "model-ü", ExpiresAt = At.AddDays(30),
    };

    private static object Comparable(Intervention i) =>
        (i.Id, i.UserId, i.SessionId, i.CreatedAt, i.Situation, i.Kind, i.Text, i.Tool, i.Outcome, i.Rating, i.OutcomeAt, i.Quality, i.EmbeddingModel, i.ExpiresAt);
}
