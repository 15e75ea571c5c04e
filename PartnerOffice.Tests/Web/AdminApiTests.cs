using PartnerOffice.Jobs.Database;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Exports;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Web;

/// <summary>The admin HTTP API: admin tokens only, and what operators' scripts do with executions and schedules.</summary>
public abstract class AdminApiTests(DatabaseProvider engine) : IAsyncLifetime
{
    private const string Flaky = "flaky", OtherFlaky = "other-flaky";
    private readonly FailSwitch failing = new();
    private PortalHost portal = default!;

    public async Task InitializeAsync() => portal = await PortalHost.StartAsync(configure: builder => failing.AddJobs(builder, Flaky, OtherFlaky), engine: engine);

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task Every_admin_endpoint_refuses_no_token_with_401_and_a_partner_token_with_403_and_serves_an_admin()
    {
        using var anonymous = portal.CreateClient();
        using var kim = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        using var admin = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Admin));
        var document = await anonymous.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var endpoints = document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/admin/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Method: new HttpMethod(o.Name.ToUpperInvariant()),
                Path: p.Name.Replace("{id}", "1").Replace("{tokenId}", "1").Replace("{name}", ExportCleanupJob.Name))))
            .ToList();
        Assert.True(endpoints.Count >= 23, $"only {endpoints.Count} admin endpoints documented");

        foreach (var (method, path) in endpoints)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(new HttpRequestMessage(method, path))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await kim.SendAsync(new HttpRequestMessage(method, path))).StatusCode);
            var answer = (int)(await admin.SendAsync(new HttpRequestMessage(method, path))).StatusCode;
            Assert.True(answer is not (401 or 403) && answer < 500, $"{method} {path} answered an admin {answer}");
        }
    }

    [Fact]
    public async Task Retry_failed_restarts_exactly_the_failed_executions_the_filter_matches()
    {
        var partners = (await portal.Services.GetRequiredService<ExportService>().PartnersAsync()).ToDictionary(p => p.Code, p => p.Id.ToString());
        var launcher = portal.Services.GetRequiredService<IJobLauncher>();
        var hanbitFlaky = new List<long>();
        var others = new List<long>();
        for (var n = 0; n < 3; n++)
        {
            hanbitFlaky.Add((await launcher.EnqueueAsync(Flaky, Run(n, "HANBIT"), "ops@test", partners["HANBIT"])).Id);
            others.Add((await launcher.EnqueueAsync(Flaky, Run(n, "BADA"), "ops@test", partners["BADA"])).Id);
            others.Add((await launcher.EnqueueAsync(OtherFlaky, Run(n, "HANBIT"), "ops@test", partners["HANBIT"])).Id);
        }
        foreach (var id in hanbitFlaky.Concat(others)) Assert.Equal(JobStatus.Failed, (await portal.WaitForJobAsync(id, JobStatus.Failed, JobStatus.Completed)).Status);
        failing.On = false;
        using var admin = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Admin));

        var listed = await admin.GetFromJsonAsync<JsonElement>($"api/admin/executions?status=Failed&job={Flaky}&partner=hanbit");
        Assert.Equal(hanbitFlaky.AsEnumerable().Reverse(), listed.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        Assert.All(listed.GetProperty("items").EnumerateArray(), e => Assert.Equal("HANBIT", e.GetProperty("partner").GetString()));

        var queue = await admin.GetFromJsonAsync<JsonElement>("api/admin/queue");
        Assert.Equal(9, queue.GetProperty("lastDay").EnumerateArray().Sum(h => h.GetProperty("failed").GetInt32()));
        Assert.NotEmpty(queue.GetProperty("nodes").EnumerateArray());

        var retried = await (await admin.PostAsync($"api/admin/executions/retry-failed?job={Flaky}&partner=HANBIT", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(3, retried.GetProperty("restarted").GetInt32());
        Assert.Equal(hanbitFlaky, retried.GetProperty("executionIds").EnumerateArray().Select(e => e.GetInt64()));
        foreach (var id in hanbitFlaky) Assert.Equal(JobStatus.Completed, (await portal.WaitForJobAsync(id, JobStatus.Completed, JobStatus.Failed)).Status);
        var operators = portal.Services.GetRequiredService<IJobOperator>();
        foreach (var id in others) Assert.Equal(JobStatus.Failed, (await operators.GetAsync(id))!.Execution.Status);
        // Restarted once: they ran more than once, and a second retry finds nothing left in the filter.
        var again = await (await admin.PostAsync($"api/admin/executions/retry-failed?job={Flaky}&partner=HANBIT", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, again.GetProperty("restarted").GetInt32());
    }

    [Fact]
    public async Task A_move_the_status_forbids_is_a_409_naming_the_status_an_unknown_execution_404_and_bad_filters_a_400_naming_the_field()
    {
        failing.On = false;
        var done = await portal.Services.GetRequiredService<IJobLauncher>().EnqueueAsync(Flaky, JobParameters.Empty.With("n", 99));
        await portal.WaitForJobAsync(done.Id, JobStatus.Completed);
        using var admin = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Admin));

        var refused = await admin.PostAsync($"api/admin/executions/{done.Id}/restart", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains($"Execution {done.Id} is Completed", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("api/admin/executions/987654/abandon", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("api/admin/executions/987654")).StatusCode);

        var detail = await admin.GetFromJsonAsync<JsonElement>($"api/admin/executions/{done.Id}");
        Assert.Equal("99", detail.GetProperty("parameters").GetProperty("n").GetString());
        Assert.Equal("call", Assert.Single(detail.GetProperty("steps").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal("Ended Completed.", detail.GetProperty("log").EnumerateArray().Last().GetProperty("message").GetString());

        foreach (var (query, field) in new[] { ("status=Broken", "status"), ("partner=NOPE", "partner"), ("pageSize=0", "pageSize"), ("page=0", "page"),
                     ("from=2026-03-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from"), ("from=yesterday", "from") })
        {
            var response = await admin.GetAsync($"api/admin/executions?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(field, (await response.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task Schedules_are_listed_paused_resumed_and_run_now_and_an_unknown_one_is_404()
    {
        using var admin = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Admin));

        var cleanup = Assert.Single((await admin.GetFromJsonAsync<JsonElement>("api/admin/schedules")).EnumerateArray(),
            s => s.GetProperty("name").GetString() == ExportCleanupJob.Name);
        Assert.False(cleanup.GetProperty("paused").GetBoolean());
        var paused = await (await admin.PostAsync($"api/admin/schedules/{ExportCleanupJob.Name}/pause", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(paused.GetProperty("paused").GetBoolean());
        Assert.Equal(JsonValueKind.Null, paused.GetProperty("nextFireAt").ValueKind);
        var resumed = await (await admin.PostAsync($"api/admin/schedules/{ExportCleanupJob.Name}/resume", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(resumed.GetProperty("paused").GetBoolean());

        var fired = await (await admin.PostAsync($"api/admin/schedules/{ExportCleanupJob.Name}/trigger", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Fired", fired.GetProperty("outcome").GetString());
        Assert.Equal(JobStatus.Completed, (await portal.WaitForJobAsync(fired.GetProperty("executionId").GetInt64(), JobStatus.Completed, JobStatus.Failed)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("api/admin/schedules/no-such-schedule/pause", null)).StatusCode);
    }

    [Fact]
    public async Task A_schedule_edit_shows_its_next_fires_refuses_what_cannot_run_naming_the_field_and_resets_to_the_declared_timing()
    {
        using var admin = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Admin));
        var path = $"api/admin/schedules/{ExportCleanupJob.Name}";

        var edited = await (await admin.PutAsJsonAsync(path, new { cron = "0 30 9 ? * MON-FRI", timeZone = "America/New_York" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(edited.GetProperty("edited").GetBoolean());
        Assert.Equal(("0 30 9 ? * MON-FRI", "0 0 * * * ?"), (edited.GetProperty("cron").GetString(), edited.GetProperty("declaredCron").GetString()));
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var fires = edited.GetProperty("nextFires").EnumerateArray().Select(f => TimeZoneInfo.ConvertTime(f.GetDateTimeOffset(), newYork)).ToList();
        Assert.Equal(5, fires.Count);
        Assert.All(fires, f => Assert.Equal((9, 30), (f.Hour, f.Minute)));
        Assert.All(fires, f => Assert.NotEqual(DayOfWeek.Saturday, f.DayOfWeek));

        foreach (var (body, field) in new object[] { new { cron = "sometimes", timeZone = "UTC" }, new { cron = "0 0 * * * ?", timeZone = "Korea Standard Time!" },
                     new { cron = "", timeZone = "UTC" } }.Zip(["cron", "timeZone", "cron"]))
        {
            var refused = await admin.PutAsJsonAsync(path, body);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)refused.StatusCode} {await refused.Content.ReadAsStringAsync()}");
            Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), $"no error on {field}");
        }

        var reset = await (await admin.PostAsync($"{path}/reset", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("0 0 * * * ?", "UTC", false), (reset.GetProperty("cron").GetString(), reset.GetProperty("timeZone").GetString(), reset.GetProperty("edited").GetBoolean()));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("api/admin/schedules/no-such-schedule", new { cron = "0 0 * * * ?", timeZone = "UTC" })).StatusCode);
    }

    private static JobParameters Run(int n, string partner) => JobParameters.Empty.With("n", n).With("partner", partner);
}

public sealed class AdminApiOnSqliteTests() : AdminApiTests(DatabaseProvider.Sqlite);

public sealed class AdminApiOnPostgreSqlTests() : AdminApiTests(DatabaseProvider.PostgreSql);
