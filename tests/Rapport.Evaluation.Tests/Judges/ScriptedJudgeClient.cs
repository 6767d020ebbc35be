using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.AI;

namespace Rapport.Evaluation.Tests.Judges;

/// <summary>A test double for an LLM judge: answers with a fixed score, failing a share of calls with 429s or hangs.</summary>
internal sealed class ScriptedJudgeClient(double failureRate, int seed = 7, string reply = """{"score": 4, "reason": "validating and gentle"}""") : IChatClient
{
    private readonly Random _random = new(seed);
    private int _inFlight;
    private int _maxInFlight;
    private int _calls;

    public ConcurrentDictionary<string, int> CallsPerPrompt { get; } = new();

    public int Calls => _calls;

    public int MaxInFlight => _maxInFlight;

    public int RateLimited;

    public int Hung;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        CallsPerPrompt.AddOrUpdate(messages.Last().Text, 1, (_, n) => n + 1);
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        try
        {
            double roll;
            lock (_random)
            {
                roll = _random.NextDouble();
            }

            await Task.Yield();
            if (roll < failureRate / 2)
            {
                Interlocked.Increment(ref RateLimited);
                throw new HttpRequestException("Too Many Requests", null, HttpStatusCode.TooManyRequests);
            }

            if (roll < failureRate)
            {
                Interlocked.Increment(ref Hung);
                await Task.Delay(Timeout.Infinite, cancellationToken); // a timeout: only the attempt timeout ends it
            }

            return new ChatResponse(new ChatMessage(ChatRole.Assistant, reply));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", null, "judge-1") : null;

    public void Dispose()
    {
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
