using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Web;

/// <summary>What a careless client sends gets a 400 problem naming what was wrong (413 for a body too large), never a 500.</summary>
public class BadInputTests(PortalHost portal) : IClassFixture<PortalHost>
{
    private async Task<HttpClient> ApiAsync() => portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));

    private static ByteArrayContent Body(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public static TheoryData<string, byte[]> BadBodies() => new()
    {
        { "dataset", [.. "{\"dataset\":\""u8, 0xFF, 0xFE, .. "\",\"format\":\"csv\"}"u8] },
        { "dataset", Encoding.UTF8.GetBytes("""{"dataset":"\ud800","format":"csv"}""") },
        { "filters.status", Encoding.UTF8.GetBytes("""{"dataset":"orders","format":"csv","filters":{"status":"\udc00x"}}""") },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_body_that_is_not_valid_utf8_or_holds_a_lone_surrogate_is_a_400_naming_the_field(string field, byte[] body)
    {
        using var client = await ApiAsync();

        var response = await client.PostAsync("api/exports", Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_a_413()
    {
        using var client = await ApiAsync();
        var huge = Encoding.UTF8.GetBytes("{\"dataset\":\"orders\",\"format\":\"csv\",\"filters\":{\"category\":\"" + new string('x', 2 * 1024 * 1024) + "\"}}");

        var response = await client.PostAsync("api/exports", Body(huge));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("page=abc", "page")]
    [InlineData("page=99999999999", "page")]
    [InlineData("pageSize=1e3", "pageSize")]
    [InlineData("page=1&page=2", "page")]
    public async Task A_query_value_that_is_not_a_usable_number_is_a_400_naming_it(string query, string field)
    {
        using var client = await ApiAsync();

        var response = await client.GetAsync($"api/exports?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
    }

    [Fact]
    public async Task A_body_that_is_not_json_for_a_schedule_named_like_an_escaped_nul_is_a_400_problem()
    {
        using var admin = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Admin));

        // The name is the three characters "%00": once decoded, the path must not be decoded a second time.
        var response = await admin.PutAsync("api/admin/schedules/" + Uri.EscapeDataString("%00"), Body([0xA9, 0x01]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        // The API's own problem, not the fallback that shows the exception.
        Assert.Equal("The request body is not valid JSON.", problem.GetProperty("detail").GetString());
        Assert.False(problem.TryGetProperty("exception", out _), problem.ToString());
    }

    [Fact]
    public async Task A_non_numeric_id_in_the_path_is_not_a_500()
    {
        using var client = await ApiAsync();

        var response = await client.GetAsync("api/exports/99999999999999999999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
