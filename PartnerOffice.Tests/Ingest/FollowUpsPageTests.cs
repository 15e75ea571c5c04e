using System.Net;
using PartnerOffice.Ingest;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Ingest;

/// <summary>The admin page of follow-ups (<c>/ingest</c>), as the server renders it.</summary>
public sealed class FollowUpsPageTests(PortalHost portal) : IClassFixture<PortalHost>
{
    [Fact]
    public async Task Admins_see_failed_follow_ups_first_with_their_error_and_a_retry_button_in_english_and_korean()
    {
        await portal.AddFollowUpsAsync(FollowUpStatus.Failed, "MK-PAGE-1");
        await portal.AddFollowUpsAsync("MK-PAGE-2");

        var english = await (await (await portal.SignInAsync(PortalHost.Admin)).GetAsync("/ingest")).ReadPageAsync();
        Assert.Contains("Marketplace ingest", english);
        Assert.Contains("MK-PAGE-1", english);
        Assert.Contains("The invoice service answered 503 Service Unavailable.", english);
        Assert.Contains("data-testid=\"followup-retry\"", english);
        Assert.DoesNotContain("MK-PAGE-2", english); // pending: under its own status
        Assert.Contains("href=\"ingest\"", english);

        var korean = await (await (await portal.SignInAsync(PortalHost.Admin, acceptLanguage: "ko")).GetAsync("/ingest")).ReadPageAsync();
        Assert.Contains("마켓플레이스 주문 수집", korean);
        Assert.Contains("다시 시도", korean);
    }

    [Fact]
    public async Task A_partner_user_cannot_open_it()
    {
        var response = await (await portal.SignInAsync(PortalHost.Kim)).GetAsync("/ingest");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
