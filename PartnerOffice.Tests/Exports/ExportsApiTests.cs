using PartnerOffice.Jobs.Database;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Exports;

/// <summary>The export API with workers running: requests complete, files download, other partners see nothing.</summary>
public abstract class ExportsApiTests(PortalHost portal)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private Task<JsonElement> RequestAndWaitAsync(HttpClient client, string body) => portal.RequestExportAndWaitAsync(client, body);

    private long Scalar(string sql) => portal.ScalarAsLong(sql);

    [Fact]
    public async Task A_csv_export_completes_and_downloads_with_every_row_of_the_partner()
    {
        var client = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        var export = await RequestAndWaitAsync(client, """{"dataset":"orders","format":"csv","filters":{"status":"Delivered"}}""");

        var expected = Scalar("SELECT COUNT(*) FROM Orders o JOIN Partners p ON p.Id = o.PartnerId WHERE p.Code = 'HANBIT' AND o.Status = 'Delivered'");
        Assert.True(expected > 0);
        Assert.Equal("Completed", export.GetProperty("status").GetString());
        Assert.Equal(100, export.GetProperty("percent").GetInt32());
        Assert.Equal(expected, export.GetProperty("rowCount").GetInt64());

        var file = await client.GetAsync($"/api/exports/{export.GetProperty("id").GetInt64()}/file?reason=test");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/csv", file.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".csv", file.Content.Headers.ContentDisposition?.FileNameStar ?? file.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await file.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected + 1, lines.Length);

        var history = await client.GetFromJsonAsync<JsonElement>("/api/exports");
        Assert.Contains(history.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetInt64() == export.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Another_partner_gets_404_for_status_file_cancel_and_delete_and_never_sees_it_in_history()
    {
        var kim = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        var lee = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Lee));
        var export = await RequestAndWaitAsync(kim, """{"dataset":"members","format":"json"}""");
        var id = export.GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.NotFound, (await lee.GetAsync($"/api/exports/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lee.GetAsync($"/api/exports/{id}/file?reason=test")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lee.PostAsync($"/api/exports/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lee.DeleteAsync($"/api/exports/{id}")).StatusCode);
        var history = await lee.GetFromJsonAsync<JsonElement>("/api/exports");
        Assert.DoesNotContain(history.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetInt64() == id);
        Assert.Equal(HttpStatusCode.OK, (await kim.GetAsync($"/api/exports/{id}/file?reason=test")).StatusCode);
    }

    [Fact]
    public async Task A_file_of_personal_data_needs_a_reason_a_400_naming_it_without_one_and_other_files_need_none()
    {
        var kim = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        var members = await RequestAndWaitAsync(kim, """{"dataset":"members","format":"csv"}""");
        var products = await RequestAndWaitAsync(kim, """{"dataset":"products","format":"csv"}""");
        Assert.True(members.GetProperty("holdsPersonalData").GetBoolean());
        Assert.False(products.GetProperty("holdsPersonalData").GetBoolean());

        foreach (var missing in new[] { "", "?reason=", "?reason=%20%20" })
        {
            var refused = await kim.GetAsync($"/api/exports/{members.GetProperty("id").GetInt64()}/file{missing}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        }
        Assert.Equal(HttpStatusCode.OK, (await kim.GetAsync($"/api/exports/{products.GetProperty("id").GetInt64()}/file")).StatusCode);
    }

    [Fact]
    public async Task The_portal_asks_why_before_a_personal_data_download_on_a_page_only_the_owner_reaches()
    {
        var kimApi = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        var id = (await RequestAndWaitAsync(kimApi, """{"dataset":"orders","format":"csv","filters":{"status":"Cancelled"}}""")).GetProperty("id").GetInt64();
        using var kim = await portal.SignInAsync(PortalHost.Kim);
        using var lee = await portal.SignInAsync(PortalHost.Lee);

        var page = await (await kim.GetAsync($"exports/{id}/download")).ReadPageAsync();
        Assert.Contains($"action=\"/api/exports/{id}/file\"", page);
        Assert.Contains("name=\"reason\"", page);
        Assert.Equal(HttpStatusCode.NotFound, (await lee.GetAsync($"exports/{id}/download")).StatusCode);
    }

    [Fact]
    public async Task Delete_removes_the_export_and_its_file()
    {
        var client = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        var export = await RequestAndWaitAsync(client, """{"dataset":"products","format":"xlsx"}""");
        var id = export.GetProperty("id").GetInt64();
        var fileCount = Directory.GetFiles(Path.Combine(portal.DataDirectory, "files"), "*", SearchOption.AllDirectories).Length;

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/exports/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/exports/{id}")).StatusCode);
        Assert.Equal(fileCount - 1, Directory.GetFiles(Path.Combine(portal.DataDirectory, "files"), "*", SearchOption.AllDirectories).Length);
    }

    [Theory]
    [InlineData("""{"dataset":"invoices","format":"csv"}""", "dataset")]
    [InlineData("""{"dataset":"orders","format":"pdf"}""", "format")]
    [InlineData("""{"dataset":"orders","format":"csv","filters":{"from":"2026-02-30"}}""", "filters.from")]
    [InlineData("""{"dataset":"orders","format":"csv","filters":{"from":"2026-03-01","to":"2026-01-01"}}""", "filters.from")]
    [InlineData("""{"dataset":"orders","format":"csv","filters":{"from":"2024-01-01","to":"2026-01-01"}}""", "filters.to")]
    [InlineData("""{"dataset":"orders","format":"csv","filters":{"to":"9999-12-31"}}""", "filters.to")]
    [InlineData("""{"dataset":"orders","format":"csv","filters":{"from":"0001-01-01","to":"0001-01-31"}}""", "filters.from")]
    [InlineData("""{"dataset":"orders","format":"csv","filters":{"from":"2020-01-01"}}""", "filters.from")]
    [InlineData("""{"dataset":"orders","format":"csv","filters":{"colour":"red"}}""", "filters.colour")]
    [InlineData("""{"dataset":"orders","format":"csv","filters":{"from":{"y":2026}}}""", "filters.from")]
    [InlineData("""{"dataset":"orders", "format":""", "body")]
    [InlineData("""[1,2]""", "body")]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string body, string field)
    {
        var client = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        var response = await client.PostAsync("/api/exports", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.True(errors.Any(e => e.StartsWith(field, StringComparison.OrdinalIgnoreCase)), $"expected an error on '{field}', got: {string.Join(", ", errors)}");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ko-KR,ko;q=0.9")]
    public async Task Validation_errors_are_english_and_name_the_field_whatever_language_the_client_sends(string? acceptLanguage)
    {
        var client = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        if (acceptLanguage is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);

        var response = await client.PostAsync("/api/exports",
            Json("""{"dataset":"orders","format":"csv","filters":{"from":"2026-03-02","to":"2026-03-01","status":"Lost"}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["filters.from", "filters.status"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["The start date is after the end date."], errors.GetProperty("filters.from").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["Unknown status 'Lost'. Allowed: Placed, Paid, Shipped, Delivered, Cancelled, Returned."],
            errors.GetProperty("filters.status").EnumerateArray().Select(m => m.GetString()));
    }

    [Theory]
    [InlineData("""{"dataset":"orders","format":"csv"}""", "An admin must name the partner whose data to export.")]
    [InlineData("""{"dataset":"orders","format":"csv","partner":"NOPE"}""", "There is no partner 'NOPE'.")]
    public async Task An_admin_must_name_an_existing_partner(string body, string message)
    {
        var client = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Admin));

        var response = await client.PostAsync("/api/exports", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal([message], errors.GetProperty("partner").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401()
    {
        var response = await portal.CreateClient().PostAsync("/api/exports", Json("""{"dataset":"orders","format":"csv"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

/// <summary>The export API with no workers: requests stay queued, so duplicates and not-ready files are deterministic.</summary>
public abstract class QueuedExportsApiTests(DatabaseProvider engine) : IAsyncLifetime
{
    private PortalHost _portal = default!;

    public async Task InitializeAsync() =>
        _portal = await PortalHost.StartAsync(configure: builder => builder.Configuration["PartnerOffice:Jobs:WorkerCount"] = "0", engine: engine);

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Twenty_identical_requests_at_once_create_one_export()
    {
        var client = _portal.CreateTokenClient(await _portal.CreateTokenAsync(PortalHost.Kim));
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            client.PostAsync("/api/exports", new StringContent("""{"dataset":"orders","format":"xlsx","filters":{"from":"2026-01-01","to":"2026-03-31","status":"Shipped"}}""", Encoding.UTF8, "application/json"))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64()));
        Assert.Single(ids.Distinct());

        // Spelled differently (key order, case) it is still the same export.
        var again = await client.PostAsync("/api/exports", new StringContent("""{"format":"XLSX","dataset":"orders","filters":{"status":"Shipped","to":"2026-03-31","from":"2026-01-01"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(ids[0], (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_queued_export_has_no_file_yet_and_once_cancelled_never_runs_and_can_be_requested_anew()
    {
        var client = _portal.CreateTokenClient(await _portal.CreateTokenAsync(PortalHost.Lee));
        var body = """{"dataset":"settlements","format":"csv"}""";
        var created = await (await client.PostAsync("/api/exports", new StringContent(body, Encoding.UTF8, "application/json"))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("Queued", created.GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.Conflict, (await client.GetAsync($"/api/exports/{id}/file?reason=test")).StatusCode);
        var cancelled = await (await client.PostAsync($"/api/exports/{id}/cancel", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        Assert.False(cancelled.GetProperty("byOperator").GetBoolean());

        // Not "not ready yet": a script that waits out a 409 would wait for ever.
        var file = await client.GetAsync($"/api/exports/{id}/file?reason=test");
        Assert.Equal(HttpStatusCode.Gone, file.StatusCode);
        var problem = await file.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"Export {id} was cancelled; it will never have a file. Request the export again.", problem.GetProperty("detail").GetString());
        Assert.Equal("Cancelled", problem.GetProperty("exportStatus").GetString());

        var again = await client.PostAsync("/api/exports", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    [Theory]
    [InlineData("the user cancels it", JobStatus.Cancelled)]
    [InlineData("an operator abandons its job", JobStatus.Abandoned)]
    public async Task A_queued_export_already_reads_cancelled_when_its_job_announces_its_end(string how, JobStatus ending)
    {
        var client = _portal.CreateTokenClient(await _portal.CreateTokenAsync(PortalHost.Lee));
        var (id, executionId) = await _portal.RequestExportAsync(client, """{"dataset":"products","format":"csv"}""");

        // Open pages reload the export when this event arrives, and no later event comes: it must read Cancelled by then.
        long? cancelledWhenAnnounced = null;
        using (_portal.Services.GetRequiredService<IJobEvents>().Subscribe(e =>
               {
                   if (e.ExecutionId == executionId && e.Status == ending)
                       cancelledWhenAnnounced = _portal.ScalarAsLong($"SELECT COUNT(*) FROM ExportRequests WHERE Id = {id} AND Status = 'Cancelled'");
               }))
        {
            if (ending == JobStatus.Cancelled) Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/exports/{id}/cancel", null)).StatusCode);
            else await _portal.Services.GetRequiredService<IJobOperator>().AbandonAsync(executionId);
        }
        Assert.True(cancelledWhenAnnounced == 1, $"When {how}, the export did not read Cancelled as its job's end was announced.");
        // The partner learns whose doing it was: their own cancel, or an operator's.
        var export = await client.GetFromJsonAsync<JsonElement>($"/api/exports/{id}");
        Assert.Equal(ending == JobStatus.Abandoned, export.GetProperty("byOperator").GetBoolean());
    }
}

public sealed class ExportsApiOnSqliteTests(PortalHost portal) : ExportsApiTests(portal), IClassFixture<PortalHost>;

public sealed class ExportsApiOnPostgreSqlTests(PostgreSqlPortalHost portal) : ExportsApiTests(portal), IClassFixture<PostgreSqlPortalHost>;

public sealed class QueuedExportsApiOnSqliteTests() : QueuedExportsApiTests(DatabaseProvider.Sqlite);

public sealed class QueuedExportsApiOnPostgreSqlTests() : QueuedExportsApiTests(DatabaseProvider.PostgreSql);
