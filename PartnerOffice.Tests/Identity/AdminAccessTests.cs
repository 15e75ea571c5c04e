using System.Net;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Identity;

public class AdminAccessTests(PortalHost portal) : IClassFixture<PortalHost>
{
    private static readonly string[] AdminLinks = ["href=\"jobs\"", "href=\"schedules\"", "href=\"audit\"", "href=\"users\""];

    [Fact]
    public async Task A_partner_user_never_sees_the_admin_navigation()
    {
        using var client = await portal.SignInAsync(PortalHost.Kim);

        var page = await (await client.GetAsync("")).ReadPageAsync();

        Assert.Contains("href=\"exports\"", page);
        Assert.Contains("href=\"account/api-tokens\"", page);
        Assert.All(AdminLinks, link => Assert.DoesNotContain(link, page));
    }

    [Fact]
    public async Task An_admin_sees_the_admin_navigation()
    {
        using var client = await portal.SignInAsync(PortalHost.Admin);

        var page = await (await client.GetAsync("")).ReadPageAsync();

        Assert.All(AdminLinks, link => Assert.Contains(link, page));
    }

    [Theory]
    [InlineData("jobs")]
    [InlineData("jobs/1")]
    [InlineData("schedules")]
    [InlineData("audit")]
    [InlineData("users")]
    public async Task A_partner_user_gets_403_and_a_friendly_page_on_an_admin_page(string path)
    {
        using var client = await portal.SignInAsync(PortalHost.Kim);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("No access", await response.ReadPageAsync());
    }

    [Fact]
    public async Task A_partner_user_gets_403_problem_details_from_an_admin_endpoint_with_a_token_or_the_cookie()
    {
        using var tokenClient = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        using var cookieClient = await portal.SignInAsync(PortalHost.Kim);

        foreach (var client in new[] { tokenClient, cookieClient })
        {
            var response = await client.GetAsync("api/admin/ping");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task An_admin_reaches_admin_pages_and_endpoints()
    {
        using var client = await portal.SignInAsync(PortalHost.Admin);
        using var tokenClient = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Admin));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tokenClient.GetAsync("api/admin/ping")).StatusCode);
    }
}
