using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Web;

public class ApiConventionTests(PortalHost portal) : IClassFixture<PortalHost>
{
    [Fact]
    public async Task The_openapi_document_describes_the_api_and_its_bearer_scheme_to_anyone()
    {
        using var client = portal.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/me", paths);
        Assert.All(paths, path => Assert.StartsWith("/api/", path));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").EnumerateObject().Single().Value;
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task A_browsable_api_reference_is_served_without_signing_in_and_reads_the_document()
    {
        using var client = portal.CreateClient();

        var response = await client.GetAsync("scalar/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("PartnerOffice API", page);
        Assert.Contains("openapi/v1.json", page);
    }

    [Fact]
    public async Task The_api_itself_still_needs_a_token()
    {
        using var client = portal.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/exports")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_api_path_answers_problem_details_not_a_page()
    {
        using var client = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Lee));
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        var response = await client.GetAsync("api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Json_is_camel_case_with_enums_as_names()
    {
        using var client = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Admin));

        var json = await client.GetStringAsync("api/me");

        Assert.Contains("\"email\":", json);
        Assert.Contains("\"role\":\"Admin\"", json);
        Assert.Contains("\"partner\":null", json);
    }
}
