using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Rapport.Evaluation.Judges;

namespace Rapport.Evaluation.Tests.Judges;

public sealed class RetryingChatClientTests
{
    [Fact]
    public void DelayBefore_DoublesUpToTheMaximum()
    {
        using var client = new RetryingChatClient(new ScriptedJudgeClient(0), new RetryOptions { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) });

        Assert.Equal([1, 2, 4, 5, 5], new[] { 2, 3, 4, 5, 6 }.Select(a => client.DelayBefore(a).TotalSeconds).ToArray());
    }

    [Fact]
    public async Task GetResponseAsync_WaitsTheBackoffOnTheInjectedClock()
    {
        var time = new FakeTimeProvider();
        var inner = new FailingThenOk(failures: 2);
        using var client = new RetryingChatClient(inner, new RetryOptions { InitialDelay = TimeSpan.FromSeconds(10), TimeProvider = time, AttemptTimeout = null });

        var call = client.GetResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken);
        await Task.Delay(20, TestContext.Current.CancellationToken);
        Assert.Equal(1, inner.Calls);
        time.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(20, TestContext.Current.CancellationToken);
        Assert.Equal(2, inner.Calls);
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(20));

        var response = await call;
        Assert.Equal("ok", response.Text);
        Assert.Equal(3, inner.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_NonTransientError_IsNotRetried()
    {
        var inner = new FailingThenOk(failures: 5, new HttpRequestException("bad", null, HttpStatusCode.BadRequest));
        using var client = new RetryingChatClient(inner);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(1, inner.Calls);
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
