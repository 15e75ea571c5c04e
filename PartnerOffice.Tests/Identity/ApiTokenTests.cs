using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.App.Identity;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Identity;

public class ApiTokenTests(PortalHost portal) : IClassFixture<PortalHost>
{
    [Theory]
    [InlineData(null)]
    [InlineData("po_not-a-real-token")]
    [InlineData("something-else")]
    public async Task The_api_answers_401_problem_details_without_a_valid_token_and_never_redirects(string? token)
    {
        using var client = token is null ? portal.CreateClient() : portal.CreateTokenClient(token);

        var response = await client.GetAsync("api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_token_still_authenticates_when_its_last_use_cannot_be_written()
    {
        var token = await portal.CreateTokenAsync(PortalHost.Lee);
        using var client = portal.CreateTokenClient(token);
        // Stands in for a full disk: the database refuses this one write, as SQLite does when it cannot grow.
        portal.Execute("CREATE TRIGGER refuse_token_use BEFORE UPDATE OF LastUsedAt ON ApiTokens BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END;");
        try
        {
            var response = await client.GetAsync("api/me");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(PortalHost.Lee.Email, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/exports")).StatusCode);
        }
        finally
        {
            portal.Execute("DROP TRIGGER refuse_token_use;");
        }
    }

    [Fact]
    public async Task A_token_works_until_it_is_revoked()
    {
        var secret = await portal.CreateTokenAsync(PortalHost.Kim, "nightly script");
        using var client = portal.CreateTokenClient(secret);

        var me = await client.GetFromJsonAsync<JsonElement>("api/me");
        Assert.Equal(PortalHost.Kim.Email, me.GetProperty("email").GetString());
        Assert.Equal("PartnerUser", me.GetProperty("role").GetString());
        Assert.Equal("HANBIT", me.GetProperty("partner").GetProperty("code").GetString());
        Assert.Equal("Asia/Seoul", me.GetProperty("timeZone").GetString());

        var tokens = portal.Services.GetRequiredService<ApiTokens>();
        var userId = await portal.UserIdAsync(PortalHost.Kim);
        var token = (await tokens.ListAsync(userId)).Single(t => t.Name == "nightly script");
        Assert.NotNull(token.LastUsedAt);
        Assert.True(await tokens.RevokeAsync(userId, token.Id));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/me")).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_browser_may_call_the_api_with_its_cookie()
    {
        using var client = await portal.SignInAsync(PortalHost.Lee);

        var me = await client.GetFromJsonAsync<JsonElement>("api/me");

        Assert.Equal(PortalHost.Lee.Email, me.GetProperty("email").GetString());
        Assert.Equal("바다마켓", me.GetProperty("partner").GetProperty("name").GetString());
    }
}
