using System.Net;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Web;

public class ShellPageTests(PortalHost portal) : IClassFixture<PortalHost>
{
    [Fact]
    public async Task The_shell_shows_the_signed_in_user_and_partner()
    {
        using var client = await portal.SignInAsync(PortalHost.Kim);

        var page = await (await client.GetAsync("")).ReadPageAsync();

        Assert.Contains("PartnerOffice", page);
        Assert.Contains(PortalHost.Kim.Name, page);
        Assert.Contains("한빛상사", page);
        Assert.Contains("Sign out", page);
    }

    [Fact]
    public async Task An_unknown_page_answers_404_with_a_friendly_page()
    {
        using var client = await portal.SignInAsync(PortalHost.Kim);

        var response = await client.GetAsync("no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.ReadPageAsync());
    }

    [Fact]
    public async Task An_unknown_job_execution_answers_404_with_the_same_friendly_page()
    {
        using var client = await portal.SignInAsync(PortalHost.Admin);

        var response = await client.GetAsync("jobs/987654321");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.ReadPageAsync());
    }

    [Fact]
    public async Task The_login_page_and_static_assets_need_no_sign_in()
    {
        using var client = portal.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("account/login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("app.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("_content/MudBlazor/MudBlazor.min.js")).StatusCode);
    }
}
