using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Server.Dashboard.Tests;

/// <summary>The dashboard in a real headless Chromium against a real server: every view, a trace tree, a run comparison, forget, and tenant isolation.</summary>
public sealed class DashboardBrowserTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>, IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];

    private static readonly string[] Views = ["Overview", "Users", "Traces", "Evaluations", "Learning"];

    [Fact]
    public async Task Every_view_loads_with_seeded_data_without_console_errors()
    {
        Assert.SkipWhen(DashboardFixture.SkipReason is not null, DashboardFixture.SkipReason ?? "");
        var (page, errors) = await SignInAsync(fixture.AdminKey);
        await page.Locator("select[name=tenant]").SelectOptionAsync("alpha");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        Assert.Equal("alpha", await page.GetByTestId("tenant").InnerTextAsync());
        // Another test forgets cleo: at least ana and ben remain whatever the order.
        Assert.True(int.Parse(await page.Locator(".cards li", new() { HasText = "users" }).Locator("b").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 2);
        await Expect(page.Locator("figure svg[role=img]").Nth(3)).ToBeAttachedAsync(); // at least 4
        await ShotAsync(page, "overview");
        var pages = new List<string> { await page.ContentAsync() };

        await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("users").GetByRole(AriaRole.Link, new() { Name = "ben", Exact = true })).ToHaveCountAsync(1);
        await ShotAsync(page, "users");
        await page.GetByRole(AriaRole.Link, new() { Name = "ana", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("memories").Locator("tbody tr")).ToHaveCountAsync(9);
        await Expect(page.GetByTestId("estimates").Locator("tbody tr").Nth(1)).ToBeAttachedAsync(); // at least 2
        await Expect(page.Locator("article h3")).ToHaveCountAsync(3);
        await page.Locator("select[name=kind]").SelectOptionAsync("reframe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.GetByTestId("memories").Locator("tbody tr")).ToHaveCountAsync(3);
        await ShotAsync(page, "user");
        pages.Add(await page.ContentAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Traces", Exact = true }).ClickAsync();
        // The two seeded traces plus the server's own spans of the seeding requests (the server records its Rapport spans).
        await Expect(page.GetByTestId("traces").Locator("tbody tr").Nth(1)).ToBeAttachedAsync(); // at least 2
        await ShotAsync(page, "traces");
        await page.GetByRole(AriaRole.Link, new() { Name = "Evaluations", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("leaderboard").Locator("tbody tr")).ToHaveCountAsync(2);
        await ShotAsync(page, "evaluations");
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await page.GetByTestId("metric-deltas").WaitForAsync();
        await ShotAsync(page, "compare");
        pages.Add(await page.ContentAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Learning", Exact = true }).ClickAsync();
        await Expect(page.Locator("#session-curve-cap")).ToHaveCountAsync(1);
        await ShotAsync(page, "learning");
        pages.Add(await page.ContentAsync());

        Assert.True(errors.Count == 0, string.Join("; ", errors));
        Assert.DoesNotContain(pages, html => html.Contains(fixture.BetaMarker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_trace_opens_as_a_tree_whose_spans_expand_to_attributes_and_evaluation_events()
    {
        Assert.SkipWhen(DashboardFixture.SkipReason is not null, DashboardFixture.SkipReason ?? "");
        var (page, errors) = await SignInAsync(fixture.AdminKey, "/dashboard/traces");
        await page.GetByLabel("Operation contains").FillAsync("turn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.GetByTestId("traces").Locator("tbody tr")).ToHaveCountAsync(1);
        await page.GetByTestId("traces").GetByRole(AriaRole.Link).ClickAsync();
        var record = page.Locator("details[data-span='rapport.loop.record']");
        Assert.Null(await record.GetAttributeAsync("open"));
        Assert.False(await record.Locator("li[data-event='gen_ai.evaluation.result']").IsVisibleAsync());
        await record.Locator("> summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.NotNull(await record.GetAttributeAsync("open"));
        Assert.Contains("0.83", await record.Locator("li[data-event='gen_ai.evaluation.result']").InnerTextAsync());
        var nested = record.Locator("details[data-span='rapport.store.record']");
        await nested.Locator("> summary").ClickAsync();
        Assert.True(await nested.Locator("table.attributes").IsVisibleAsync());
        await ShotAsync(page, "trace");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Comparing_two_runs_shows_deltas_and_the_case_diff_filters_by_threshold_and_direction()
    {
        Assert.SkipWhen(DashboardFixture.SkipReason is not null, DashboardFixture.SkipReason ?? "");
        var (page, _) = await SignInAsync(fixture.AlphaKey, "/dashboard/evaluations");
        await page.Locator("select[name=baseline]").SelectOptionAsync("run-baseline");
        await page.Locator("select[name=candidate]").SelectOptionAsync("run-candidate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        var supportiveness = page.GetByTestId("metric-deltas").Locator("tr", new() { HasText = "supportiveness" });
        Assert.Contains("Worse", await supportiveness.InnerTextAsync());
        Assert.Contains("-0.250", await supportiveness.InnerTextAsync());
        var rows = page.GetByTestId("case-diff").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(5);
        Assert.Contains("Candidate response 5", await rows.First.InnerTextAsync());
        await page.Locator("input[name=minDelta]").FillAsync("0.25");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(3);
        await page.Locator("select[name=change]").SelectOptionAsync("better");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForLoadStateAsync(); // the whole table, so that no row means something
        await Expect(rows).ToHaveCountAsync(0);
        await Expect(page.Locator("#behaviours-cap")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Forgetting_a_user_names_what_goes_and_afterwards_nothing_of_them_shows()
    {
        Assert.SkipWhen(DashboardFixture.SkipReason is not null, DashboardFixture.SkipReason ?? "");
        var (page, _) = await SignInAsync(fixture.AlphaKey, "/dashboard/users/cleo");
        await Expect(page.GetByTestId("memories").Locator("tbody tr")).ToHaveCountAsync(3);
        await page.GetByTestId("forget-link").ClickAsync();
        var list = await page.GetByTestId("forget-list").InnerTextAsync();
        Assert.Contains("3 interventions", list);
        Assert.Contains("1 session reflections", list);
        await ShotAsync(page, "forget");
        await page.GetByRole(AriaRole.Button, new() { Name = "Forget cleo permanently" }).ClickAsync();
        Assert.Contains("Forgot 'cleo'", await page.GetByTestId("forgotten").InnerTextAsync());
        await page.WaitForLoadStateAsync(); // the whole list, so that no cleo in it means something
        await Expect(page.GetByTestId("users").GetByRole(AriaRole.Link, new() { Name = "cleo", Exact = true })).ToHaveCountAsync(0);
        await page.GotoAsync(new Uri(fixture.BaseAddress, "dashboard/users/cleo").ToString());
        Assert.True(await page.GetByTestId("user-empty").IsVisibleAsync());
        using var api = fixture.Client(fixture.AlphaKey);
        var stats = await api.GetFromJsonAsync<JsonElement>("v1/stats?userId=cleo", TestContext.Current.CancellationToken);
        Assert.Equal(0, stats.GetProperty("interventions").GetInt64() + stats.GetProperty("reflections").GetInt64());
    }

    [Fact]
    public async Task A_key_of_one_tenant_sees_nothing_of_another()
    {
        Assert.SkipWhen(DashboardFixture.SkipReason is not null, DashboardFixture.SkipReason ?? "");
        var (page, _) = await SignInAsync(fixture.BetaKey);
        Assert.Equal("beta", await page.GetByTestId("tenant").InnerTextAsync());
        Assert.Equal(0, await page.Locator("select[name=tenant]").CountAsync());
        var seen = new List<string>();
        foreach (var view in Views)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = view, Exact = true }).ClickAsync();
            await page.WaitForLoadStateAsync(); // the whole page, not the part parsed when the click's navigation committed
            seen.Add(await page.ContentAsync());
        }

        await page.GotoAsync(new Uri(fixture.BaseAddress, "dashboard/users/ana").ToString());
        await Expect(page.GetByTestId("memories").Locator("tbody tr")).ToHaveCountAsync(1);
        seen.Add(await page.ContentAsync());
        Assert.All(seen, html => Assert.DoesNotContain("stressed about work", html, StringComparison.Ordinal));
        Assert.All(seen, html => Assert.DoesNotContain("run-baseline", html, StringComparison.Ordinal));
        Assert.All(seen, html => Assert.DoesNotContain(fixture.TraceId, html, StringComparison.Ordinal));
        Assert.Contains(seen, html => html.Contains(fixture.BetaMarker, StringComparison.Ordinal));
        var other = await page.GotoAsync(new Uri(fixture.BaseAddress, "dashboard/users?tenant=alpha").ToString());
        Assert.Equal((int)HttpStatusCode.Forbidden, other!.Status);
        Assert.DoesNotContain("cleo", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_refuses_unknown_keys_and_pages_need_a_session()
    {
        Assert.SkipWhen(DashboardFixture.SkipReason is not null, DashboardFixture.SkipReason ?? "");
        var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.BaseAddress, "dashboard/users").ToString());
        Assert.Contains("/dashboard/login", page.Url, StringComparison.Ordinal);
        await page.Locator("#key").FocusAsync();
        await page.Keyboard.TypeAsync("rk_not-a-real-key");
        await page.Keyboard.PressAsync("Enter");
        Assert.Contains("unknown or revoked", await page.GetByRole(AriaRole.Alert).InnerTextAsync());
        await ShotAsync(page, "login");
        await context.DisposeAsync();
    }

    // Signs in with the keyboard only (the key field has focus), as a person would.
    private async Task<(IPage Page, List<string> Errors)> SignInAsync(string key, string path = "/dashboard")
    {
        var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(new Uri(fixture.BaseAddress, "dashboard/login?return=" + Uri.EscapeDataString(path)).ToString());
        await page.Locator("#key").FocusAsync();
        await page.Keyboard.TypeAsync(key);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return (page, errors);
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(DashboardFixture.Artifacts);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.Artifacts, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
    }
}
