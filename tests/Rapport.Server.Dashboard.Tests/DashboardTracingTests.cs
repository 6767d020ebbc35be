using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Rapport.OpenTelemetry.Hosting;
using Rapport.OpenTelemetry.LocalTraces;
using Rapport.Telemetry;

namespace Rapport.Server.Dashboard.Tests;

/// <summary>The dashboard's own spans: a page and its reads reach a listener of Rapport's source, carry no user text, and stay out of the local trace list.</summary>
public sealed class DashboardTracingTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task Pages_and_their_reads_are_spans_without_user_text_kept_out_of_the_local_trace_store()
    {
        Assert.SkipWhen(DashboardFixture.SkipReason is not null, DashboardFixture.SkipReason ?? "");
        var marker = "tracemarker" + Guid.NewGuid().ToString("N")[..8];
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RapportTelemetryNames.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetBaggageItem(RapportTelemetryNames.DashboardBaggage) is not null)
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var context = await fixture.Browser.NewContextAsync();
        await using (context.ConfigureAwait(false))
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(fixture.BaseAddress, "dashboard/login").ToString());
            await page.Locator("#key").FillAsync(fixture.AdminKey);
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
            foreach (var path in new[] { $"dashboard/users?q={marker}&tenant=alpha", "dashboard/users/ana?tenant=alpha", "dashboard/learning?tenant=alpha", "dashboard/?tenant=alpha" })
            {
                await page.GotoAsync(new Uri(fixture.BaseAddress, path).ToString());
            }
        }

        var pages = spans.Where(s => s.OperationName == RapportTelemetryNames.DashboardPageSpan).ToList();
        Assert.Contains(pages, s => (string?)s.GetTagItem(RapportTelemetryNames.DashboardView) == "users" && (string?)s.GetTagItem(RapportTelemetryNames.Tenant) == "alpha");
        var sources = spans.Where(s => s.OperationName == RapportTelemetryNames.DashboardReadSpan).Select(s => (string?)s.GetTagItem(RapportTelemetryNames.DashboardSource)).ToHashSet();
        Assert.Superset(new HashSet<string?> { "memory.users", "memory.session_curve", "memory.overview", "traces.span_stats" }, sources);
        // A read's span is a child of its page's span, in the page's own trace.
        Assert.All(spans.Where(s => s.OperationName == RapportTelemetryNames.DashboardReadSpan), s => Assert.NotEqual(default, s.ParentSpanId));
        // The user page's store reads are traced too, the user as a keyed hash (user text is off in this server).
        Assert.Contains(spans, s => s.OperationName.StartsWith(RapportTelemetryNames.StoreSpanPrefix, StringComparison.Ordinal));
        Assert.DoesNotContain(spans.SelectMany(s => s.TagObjects), tag => tag.Value?.ToString() is { } v && (v.Contains(marker, StringComparison.Ordinal) || v == "ana"));

        Assert.True(fixture.App.App.Services.GetRequiredService<RapportTelemetryHost>().Flush());
        using var store = LocalTraceStore.Open(new LocalTraceStoreOptions { Path = Path.Combine(fixture.Home, LocalTraceStoreOptions.DefaultFileName) });
        Assert.Empty(await store.ListTracesAsync(new TraceQuery { Operation = "rapport.dashboard", Last = 100 }, TestContext.Current.CancellationToken));
    }
}
