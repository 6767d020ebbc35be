using Microsoft.Extensions.Time.Testing;

namespace Rapport.Evaluation.Tests.Judges;

/// <summary>Drives a fake clock forward until a task completes, so backoff waits and timeouts pass without sleeping.</summary>
internal static class FakeClock
{
    public static async Task<T> RunAsync<T>(FakeTimeProvider time, Task<T> task, TimeSpan step, int maxSteps = 100_000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            time.Advance(step);
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        Assert.True(task.IsCompleted, "the task did not finish within the fake-time budget");
        return await task;
    }
}
