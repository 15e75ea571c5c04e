using System.Net;
using PartnerOffice.App.Hosting;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Web;

/// <summary>Pages, API answers, downloads and error answers all carry the security headers; API answers and files are never cached.</summary>
public class SecurityHeaderTests(PortalHost portal) : IClassFixture<PortalHost>
{
    [Fact]
    public async Task Pages_api_answers_files_and_errors_carry_the_security_headers()
    {
        using var anonymous = portal.CreateClient();
        using var browser = await portal.SignInAsync(PortalHost.Kim);
        using var api = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        var export = await portal.RequestExportAndWaitAsync(api, """{"dataset":"products","format":"csv"}""");

        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["sign-in page"] = await anonymous.GetAsync("account/login"),
            ["page"] = await browser.GetAsync("exports"),
            ["not-found page"] = await browser.GetAsync("no-such-page"),
            ["api"] = await api.GetAsync("api/exports"),
            ["api error"] = await api.GetAsync("api/exports/999999"),
            ["file"] = await api.GetAsync($"api/exports/{export.GetProperty("id").GetInt64()}/file?reason=test"),
        };

        foreach (var (what, response) in responses)
        {
            Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{what}: no CSP");
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(csp));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }
        Assert.Equal(HttpStatusCode.OK, responses["file"].StatusCode);
        foreach (var what in new[] { "api", "api error", "file" })
            Assert.True(responses[what].Headers.CacheControl?.NoStore, $"{what}: may be cached");
    }
}
