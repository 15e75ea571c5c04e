using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Exports;

/// <summary>One partner's script cannot flood the queue: past the configured count per window the API answers 429.</summary>
public class ExportRequestLimitTests
{
    [Fact]
    public async Task Requests_past_the_partners_limit_answer_429_with_retry_after_and_store_nothing_while_other_partners_go_on()
    {
        await using var portal = await PortalHost.StartAsync(configure: builder =>
        {
            builder.Configuration["PartnerOffice:Exports:RateLimit:PermitsPerWindow"] = "3";
            builder.Configuration["PartnerOffice:Exports:RateLimit:Window"] = "01:00:00";
            builder.Configuration["PartnerOffice:Jobs:WorkerCount"] = "0";
        });
        using var kim = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        using var lee = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Lee));
        static StringContent Body(string category) =>
            new($$$"""{"dataset":"products","format":"csv","filters":{"category":"{{{category}}}"}}""", Encoding.UTF8, "application/json");

        for (var n = 0; n < 3; n++)
            Assert.Equal(HttpStatusCode.Accepted, (await kim.PostAsync("api/exports", Body($"c{n}"))).StatusCode);
        var stored = portal.ScalarAsLong("SELECT COUNT(*) FROM ExportRequests");

        var refused = await kim.PostAsync("api/exports", Body("c3"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 3600);
        Assert.Contains("Too many export requests", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(stored, portal.ScalarAsLong("SELECT COUNT(*) FROM ExportRequests"));
        Assert.Equal(HttpStatusCode.OK, (await kim.GetAsync("api/exports")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await lee.PostAsync("api/exports", Body("c0"))).StatusCode);
    }
}
