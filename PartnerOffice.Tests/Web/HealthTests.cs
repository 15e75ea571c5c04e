using System.Net;
using Microsoft.Data.Sqlite;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Web;

public class HealthTests
{
    [Fact]
    public async Task Health_is_200_while_the_database_is_reachable_and_503_when_it_is_gone()
    {
        await using var portal = await PortalHost.StartAsync();
        using var client = portal.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("healthz/ready")).StatusCode);

        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(portal.DataDirectory, "partneroffice.db*")) File.Delete(file);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("healthz")).StatusCode);
        // Not ready for traffic, but alive: an orchestrator stops routing to it rather than restarting it.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("healthz/live")).StatusCode);
    }
}
