using PartnerOffice.Jobs;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Ingest;

/// <summary>The ingest job against a loopback marketplace feed: the watermark moves on, and upserts never duplicate.</summary>
public sealed class MarketplaceIngestJobTests : IAsyncLifetime
{
    private static readonly DateTime Morning = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);
    private MarketplacePortal bed = default!;

    public async Task InitializeAsync() => bed = await MarketplacePortal.StartAsync(configure: builder =>
    {
        builder.Configuration["PartnerOffice:Ingest:PageSize"] = "2";
        builder.Configuration["PartnerOffice:Ingest:ChunkSize"] = "2";
    });

    public Task DisposeAsync() => bed.DisposeAsync().AsTask();

    private FakeMarketplace marketplace => bed.Marketplace;

    private PortalHost portal => bed.Portal;

    [Fact]
    public async Task Each_run_asks_for_the_orders_after_the_newest_stored_one_page_by_page()
    {
        marketplace.Publish(Morning, "MK-1", "MK-2", "MK-3", "MK-4", "MK-5");

        Assert.Equal(JobStatus.Completed, (await portal.RunIngestAsync()).Status);

        Assert.Equal(["/v1/orders?limit=2", After("00:00:01", "MK-2"), After("00:00:03", "MK-4")], marketplace.FeedQueries);
        Assert.Equal(["MK-1", "MK-2", "MK-3", "MK-4", "MK-5"], (await portal.StoredOrdersAsync()).Select(o => o.ExternalId));
        Assert.Equal(["MK-1", "MK-2", "MK-3", "MK-4", "MK-5"], (await portal.FollowUpsAsync()).Select(f => f.Order.ExternalId));

        // Nothing new: one request from the watermark, nothing stored.
        marketplace.Requests.Clear();
        Assert.Equal(JobStatus.Completed, (await portal.RunIngestAsync()).Status);
        Assert.Equal([After("00:00:04", "MK-5")], marketplace.FeedQueries);

        marketplace.Requests.Clear();
        marketplace.Publish(Morning.AddMinutes(1), "MK-6", "MK-7");
        Assert.Equal(JobStatus.Completed, (await portal.RunIngestAsync()).Status);
        Assert.Equal([After("00:00:04", "MK-5")], marketplace.FeedQueries); // both on one page: the feed says there is no more
        Assert.Equal(7, (await portal.StoredOrdersAsync()).Count);
        Assert.Equal(7, (await portal.FollowUpsAsync()).Count);
    }

    [Fact]
    public async Task Orders_read_again_are_updated_in_place_never_stored_twice_nor_followed_up_twice()
    {
        // One page (of two): the feed answers it whatever position it is asked for.
        marketplace.IgnoresPosition = true;
        marketplace.Publish(Morning, "MK-1", "MK-2");
        Assert.Equal(JobStatus.Completed, (await portal.RunIngestAsync()).Status);
        var first = await portal.StoredOrdersAsync();

        marketplace.Change("MK-2", "Cancelled");
        Assert.Equal(JobStatus.Completed, (await portal.RunIngestAsync()).Status);
        Assert.Equal(JobStatus.Completed, (await portal.RunIngestAsync()).Status);

        var stored = await portal.StoredOrdersAsync();
        Assert.Equal(["MK-1", "MK-2"], stored.Select(o => o.ExternalId));
        Assert.Equal(first.Select(o => o.Id), stored.Select(o => o.Id));
        Assert.Equal(["Paid", "Cancelled"], stored.Select(o => o.Status));
        Assert.Equal(2, (await portal.FollowUpsAsync()).Count);
    }

    [Fact]
    public async Task A_feed_that_repeats_its_last_page_ends_the_run_instead_of_paging_for_ever()
    {
        marketplace.IgnoresPosition = true;
        marketplace.Publish(Morning, "MK-1", "MK-2", "MK-3");

        Assert.Equal(JobStatus.Completed, (await portal.RunIngestAsync()).Status);

        Assert.Equal(2, marketplace.FeedQueries.Count());
        Assert.Equal(["MK-1", "MK-2"], (await portal.StoredOrdersAsync()).Select(o => o.ExternalId));
    }

    [Fact]
    public async Task A_run_that_fails_mid_feed_keeps_its_committed_chunks_and_the_next_run_carries_on_after_them()
    {
        marketplace.Publish(Morning, "MK-1", "MK-2", "MK-3", "MK-4");
        marketplace.FailFeedFromRequest = 2;

        var failed = await portal.RunIngestAsync();
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Contains("503", failed.Error);
        Assert.Equal(["MK-1", "MK-2"], (await portal.StoredOrdersAsync()).Select(o => o.ExternalId));

        marketplace.FailFeedFromRequest = 0;
        marketplace.Requests.Clear();
        Assert.Equal(JobStatus.Completed, (await portal.RunIngestAsync()).Status);
        Assert.Equal(After("00:00:01", "MK-2"), marketplace.FeedQueries.First());
        Assert.Equal(["MK-1", "MK-2", "MK-3", "MK-4"], (await portal.StoredOrdersAsync()).Select(o => o.ExternalId));
    }

    private static string After(string time, string orderId) =>
        $"/v1/orders?limit=2&after={Uri.EscapeDataString($"2026-01-05T{time}Z")}&afterId={orderId}";
}
