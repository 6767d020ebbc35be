using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Rapport.Evaluation.Judges;

namespace Rapport.Evaluation.Tests.Judges;

public sealed class ResilientChatClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponseAsync_WithoutJitter_WaitsTheDoublingBackoffOnTheInjectedClock()
    {
        var time = new FakeTimeProvider();
        var inner = new FailingThenOk(failures: 2);
        using var client = new ResilientChatClient(inner, new RetryOptions { InitialDelay = TimeSpan.FromSeconds(10), UseJitter = false, TimeProvider = time, AttemptTimeout = null });

        var call = client.GetResponseAsync("hi", cancellationToken: Ct);
        await WaitForCallsAsync(inner, 1);
        time.Advance(TimeSpan.FromSeconds(9.9));
        await Task.Delay(20, Ct);
        Assert.Equal(1, inner.Calls);
        time.Advance(TimeSpan.FromSeconds(0.1));
        await WaitForCallsAsync(inner, 2);
        time.Advance(TimeSpan.FromSeconds(19.9));
        await Task.Delay(20, Ct);
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal("ok", (await call).Text);
        Assert.Equal(3, inner.Calls);
    }

    [Theory]
    [InlineData("7")]
    [InlineData(7)]
    public async Task GetResponseAsync_RateLimitWithRetryAfter_WaitsWhatTheServiceAsked(object retryAfter)
    {
        var time = new FakeTimeProvider();
        var error = new HttpRequestException("429", null, HttpStatusCode.TooManyRequests);
        error.Data[RetryAfter.DataKey] = retryAfter;
        var inner = new FailingThenOk(failures: 1, error);
        using var client = new ResilientChatClient(inner, new RetryOptions { InitialDelay = TimeSpan.FromSeconds(1), TimeProvider = time, AttemptTimeout = null });

        var call = client.GetResponseAsync("hi", cancellationToken: Ct);
        await WaitForCallsAsync(inner, 1);
        time.Advance(TimeSpan.FromSeconds(6.9)); // the jittered 1 s backoff would have retried long before this
        await Task.Delay(50, Ct);
        Assert.Equal(1, inner.Calls);
        time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal("ok", (await call).Text);
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_RetryAfterLongerThanMaxDelay_IsCappedAtMaxDelay()
    {
        var time = new FakeTimeProvider();
        var error = new HttpRequestException("503", null, HttpStatusCode.ServiceUnavailable);
        error.Data[RetryAfter.DataKey] = TimeSpan.FromHours(1);
        var inner = new FailingThenOk(failures: 1, error);
        using var client = new ResilientChatClient(inner, new RetryOptions { MaxDelay = TimeSpan.FromSeconds(5), TimeProvider = time, AttemptTimeout = null });

        var call = client.GetResponseAsync("hi", cancellationToken: Ct);
        await WaitForCallsAsync(inner, 1);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("ok", (await call.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Text);
    }

    [Fact]
    public async Task GetResponseAsync_CustomRetryAfterReader_IsAskedFirst()
    {
        var time = new FakeTimeProvider();
        var inner = new FailingThenOk(failures: 1);
        using var client = new ResilientChatClient(inner, new RetryOptions
        {
            InitialDelay = TimeSpan.Zero, UseJitter = false, TimeProvider = time, AttemptTimeout = null, RetryAfter = _ => TimeSpan.FromSeconds(3),
        });

        var call = client.GetResponseAsync("hi", cancellationToken: Ct);
        await WaitForCallsAsync(inner, 1);
        await Task.Delay(50, Ct);
        Assert.Equal(1, inner.Calls);
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal("ok", (await call).Text);
    }

    [Fact]
    public async Task GetResponseAsync_NonTransientError_IsNotRetried()
    {
        var inner = new FailingThenOk(failures: 5, new HttpRequestException("bad", null, HttpStatusCode.BadRequest));
        using var client = new ResilientChatClient(inner);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("hi", cancellationToken: Ct));
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public void RetryAfterParse_ReadsSecondsAndHttpDates_AndRejectsOtherText()
    {
        var now = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(120), RetryAfter.Parse("120", now));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfter.Parse("Thu, 03 Dec 2026 10:00:30 GMT", now));
        Assert.Equal(TimeSpan.Zero, RetryAfter.Parse("Thu, 03 Dec 2026 09:00:00 GMT", now));
        Assert.Null(RetryAfter.Parse("soon", now));
        Assert.Null(RetryAfter.Parse("-5", now));
    }

    private static async Task WaitForCallsAsync(FailingThenOk inner, int calls)
    {
        for (var i = 0; i < 500 && Volatile.Read(ref inner.Calls) < calls; i++)
        {
            await Task.Delay(10, Ct);
        }

        Assert.Equal(calls, Volatile.Read(ref inner.Calls));
    }

    private sealed class FailingThenOk(int failures, Exception? error = null) : DelegatingChatClient(new ScriptedJudgeClient(0))
    {
        public int Calls;

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref Calls) <= failures
                ? Task.FromException<ChatResponse>(error ?? new HttpRequestException("429", null, HttpStatusCode.TooManyRequests))
                : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
    }
}
