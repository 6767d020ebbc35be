using System.Text;
using Rapport.Server.State;

namespace Rapport.Server.Tests.State;

/// <summary>What every backend of the shared prepared turns and <c>Idempotency-Key</c> records must do: one take per turn, one claim
/// per key under concurrency, a released or expired claim claimable again, forget drops a user's turns and responses.</summary>
public abstract class SharedStateConformanceTests
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Opens two views of one tenant's state (two instances sharing the store), with the given lease.</summary>
    private protected abstract Task<(IPreparedTurnStore Turns, IIdempotencyStore Idempotency)[]> OpenAsync(TimeSpan lease);

    /// <summary>Lets the lease pass (a fake clock or a real wait).</summary>
    protected abstract Task PassLeaseAsync(TimeSpan lease);

    /// <summary>Gets the lease of the expiry test: a claim must still be held when the next call checks it, however slow the
    /// machine, and then be let pass by <see cref="PassLeaseAsync"/>.</summary>
    protected virtual TimeSpan ShortLease => TimeSpan.FromMilliseconds(300);

    private static PendingTurn Turn(string id, string user) => new(id, user, "s1", "I feel stuck", null, [0.5f, -0.25f, 1f]);

    [Fact]
    public async Task Turns_PreparedOnOne_AreTakenOnceFromAnother()
    {
        var views = await OpenAsync(TimeSpan.FromSeconds(10));
        var id = "t-" + Guid.NewGuid().ToString("N");
        await views[0].Turns.AddAsync(Turn(id, "ana"), Ct);

        var takes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => views[i % 2].Turns.TakeAsync(id, Ct)));

        var taken = Assert.Single(takes, t => t is not null)!;
        Assert.Equal("ana", taken.UserId);
        Assert.Equal("I feel stuck", taken.Situation);
        Assert.Equal([0.5f, -0.25f, 1f], taken.Embedding);
        Assert.Null(await views[1].Turns.TakeAsync("t-unknown", Ct));
    }

    [Fact]
    public async Task Turns_ForgetUser_DropsOnlyThatUsersTurns()
    {
        var views = await OpenAsync(TimeSpan.FromSeconds(10));
        var (ana, ben) = ("a-" + Guid.NewGuid().ToString("N"), "b-" + Guid.NewGuid().ToString("N"));
        await views[0].Turns.AddAsync(Turn(ana, "ana"), Ct);
        await views[0].Turns.AddAsync(Turn(ben, "ben"), Ct);

        await views[1].Turns.ForgetUserAsync("ana", Ct);

        Assert.Null(await views[0].Turns.TakeAsync(ana, Ct));
        Assert.NotNull(await views[0].Turns.TakeAsync(ben, Ct));
    }

    [Fact]
    public async Task Idempotency_ConcurrentClaims_OneWins_OthersFindItsAnswer()
    {
        var views = await OpenAsync(TimeSpan.FromSeconds(10));
        var key = "k1\n" + Guid.NewGuid();

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => views[i % 2].Idempotency.ClaimAsync(key, "h1", Ct)));

        var winner = Assert.Single(claims, c => c.Token is not null);
        Assert.All(claims.Where(c => c != winner), c => Assert.True(c.Busy));
        await views[0].Idempotency.CompleteAsync(key, "h1", new StoredResponse(200, "application/json", Encoding.UTF8.GetBytes("{\"id\":1}")), "ana", Ct);

        var replay = await views[1].Idempotency.ClaimAsync(key, "h1", Ct);
        Assert.Equal(200, replay.Stored!.Status);
        Assert.Equal("{\"id\":1}", Encoding.UTF8.GetString(replay.Stored.Body));
        Assert.Equal("h1", (await views[1].Idempotency.ClaimAsync(key, "h2", Ct)).RequestHash);
    }

    [Fact]
    public async Task Idempotency_ReleasedOrExpiredClaim_IsClaimableAgain()
    {
        var lease = ShortLease;
        var views = await OpenAsync(lease);
        var (released, abandoned) = ("k\n" + Guid.NewGuid(), "k\n" + Guid.NewGuid());
        var first = await views[0].Idempotency.ClaimAsync(released, "h", Ct);
        await views[0].Idempotency.ReleaseAsync(released, "h", first.Token!, Ct);
        Assert.NotNull((await views[1].Idempotency.ClaimAsync(released, "h", Ct)).Token);

        Assert.NotNull((await views[0].Idempotency.ClaimAsync(abandoned, "h", Ct)).Token);
        Assert.True((await views[1].Idempotency.ClaimAsync(abandoned, "h", Ct)).Busy);
        await PassLeaseAsync(lease);
        Assert.NotNull((await views[1].Idempotency.ClaimAsync(abandoned, "h", Ct)).Token);
    }

    [Fact]
    public async Task Idempotency_ForgetUser_DropsTheirStoredResponses()
    {
        var views = await OpenAsync(TimeSpan.FromSeconds(10));
        var (anas, bens) = ("k\n" + Guid.NewGuid(), "k\n" + Guid.NewGuid());
        foreach (var (key, user) in new[] { (anas, "ana"), (bens, "ben") })
        {
            await views[0].Idempotency.ClaimAsync(key, "h", Ct);
            await views[0].Idempotency.CompleteAsync(key, "h", new StoredResponse(200, null, Encoding.UTF8.GetBytes(user + " said something")), user, Ct);
        }

        await views[1].Idempotency.ForgetUserAsync("ana", Ct);

        Assert.NotNull((await views[0].Idempotency.ClaimAsync(anas, "h", Ct)).Token);
        Assert.NotNull((await views[0].Idempotency.ClaimAsync(bens, "h", Ct)).Stored);
    }
}
