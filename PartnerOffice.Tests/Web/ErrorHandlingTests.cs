using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Web;

public class ErrorHandlingTests
{
    private const string Secret = "connection string with a password";

    private static Task<PortalHost> StartWithFailingEndpointsAsync() => PortalHost.StartAsync(mapTestEndpoints: endpoints =>
    {
        endpoints.MapGet("/api/test/fail", IResult () => throw new InvalidOperationException(Secret));
        endpoints.MapGet("/test/fail", IResult () => throw new InvalidOperationException(Secret));
    });

    [Fact]
    public async Task An_api_failure_is_a_500_problem_without_internals_and_a_page_failure_is_the_friendly_error_page()
    {
        await using var portal = await StartWithFailingEndpointsAsync();
        using var client = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));

        var api = await client.GetAsync("api/test/fail");
        var apiBody = await api.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(Secret, apiBody);
        Assert.DoesNotContain("InvalidOperationException", apiBody);

        var page = await client.GetAsync("test/fail");
        var pageBody = await page.ReadPageAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Contains("Something went wrong", pageBody);
        Assert.DoesNotContain(Secret, pageBody);
    }
}
