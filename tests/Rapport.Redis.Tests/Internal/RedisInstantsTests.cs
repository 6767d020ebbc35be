using Rapport.Redis.Internal;

namespace Rapport.Redis.Tests.Internal;

public sealed class RedisInstantsTests
{
    [Fact]
    public void Ticks_CompareAsStringsLikeInstants()
    {
        var early = new DateTimeOffset(999, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var late = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.True(string.CompareOrdinal(RedisInstants.Ticks(early), RedisInstants.Ticks(late)) < 0);
        Assert.Equal(19, RedisInstants.Ticks(early).Length);
        Assert.Equal(late, RedisInstants.Parse(RedisInstants.Ticks(late)));
    }

    [Fact]
    public void Score_IsFloorOfMicroseconds_ExactInADouble()
    {
        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(19);

        var score = RedisInstants.Score(at);

        Assert.Equal((at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10, score);
        Assert.Equal(score, (long)(double)score);
        Assert.Equal(-1, RedisInstants.Score(DateTimeOffset.UnixEpoch.AddTicks(-1)));
    }

    [Fact]
    public void TtlMilliseconds_FollowsTheStoreClockPlusGrace_AtLeastOneSecond()
    {
        var now = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromDays(1).TotalMilliseconds + 60_000, RedisInstants.TtlMilliseconds(now.AddDays(1), now, TimeSpan.FromMinutes(1)));
        Assert.Equal(1_000, RedisInstants.TtlMilliseconds(now.AddDays(-1), now, TimeSpan.Zero));
    }
}
