using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Exports;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Exports;

/// <summary>
/// The history as the export service pages, orders and filters it, over a portal without workers (every request
/// stays queued, so the rows are exactly those the test made).
/// </summary>
public sealed class ExportHistoryQueryTests : IAsyncLifetime
{
    private PortalHost _portal = default!;
    private ExportService _exports = default!;
    private ExportCaller _admin = default!;

    public async Task InitializeAsync()
    {
        _portal = await PortalHost.StartAsync(configure: builder => builder.Configuration["PartnerOffice:Jobs:WorkerCount"] = "0");
        _exports = _portal.Services.GetRequiredService<ExportService>();
        _admin = new ExportCaller(await _portal.UserIdAsync(PortalHost.Admin), PortalHost.Admin.Email, null, IsAdmin: true);
        foreach (var (partner, dataset) in new[] { ("HANBIT", "orders"), ("BADA", "products"), ("HANBIT", "members"), ("BADA", "settlements"), ("HANBIT", "products") })
            Assert.NotNull((await _exports.RequestAsync(_admin, new ExportRequestSpec(dataset, "csv", new Dictionary<string, string?>()), partner)).Export);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task An_admin_pages_every_partner_newest_first_and_narrows_to_one_partner_by_name()
    {
        var all = await _exports.ListAsync(_admin, new ExportListQuery { PageSize = 2 });
        Assert.Equal(5, all.Total);
        Assert.Equal(["products", "settlements"], all.Items.Select(e => e.Dataset));
        var second = await _exports.ListAsync(_admin, new ExportListQuery { Page = 2, PageSize = 2 });
        Assert.Equal(["members", "products"], second.Items.Select(e => e.Dataset));

        var partners = await _exports.PartnersAsync();
        var bada = partners.Single(p => p.Code == "BADA");
        var badas = await _exports.ListAsync(_admin, new ExportListQuery { PartnerId = bada.Id });
        Assert.Equal(["settlements", "products"], badas.Items.Select(e => e.Dataset));
        Assert.All((await _exports.PartnerNamesAsync(badas.Items)).Values, name => Assert.Equal(bada.Name, name));
    }

    [Fact]
    public async Task The_whole_history_is_ordered_on_the_server_not_one_page_of_it()
    {
        var byDataset = await _exports.ListAsync(_admin, new ExportListQuery { PageSize = 2, Sort = ExportSort.Dataset, Descending = false });
        Assert.Equal(["members", "orders"], byDataset.Items.Select(e => e.Dataset));

        var byPartner = await _exports.ListAsync(_admin, new ExportListQuery { PageSize = 5, Sort = ExportSort.Partner, Descending = true });
        var names = await _exports.PartnerNamesAsync(byPartner.Items);
        var shown = byPartner.Items.Select(e => names[e.Id]).ToList();
        Assert.Equal(shown.OrderDescending(StringComparer.Ordinal), shown);
    }

    [Fact]
    public async Task A_partner_user_sees_only_their_own_partner_whatever_partner_they_ask_for()
    {
        var kim = new ExportCaller(await _portal.UserIdAsync(PortalHost.Kim), PortalHost.Kim.Email,
            (await _exports.PartnersAsync()).Single(p => p.Code == "HANBIT").Id, IsAdmin: false);
        var bada = (await _exports.PartnersAsync()).Single(p => p.Code == "BADA").Id;

        var page = await _exports.ListAsync(kim, new ExportListQuery { PartnerId = bada });
        Assert.Equal(3, page.Total);
        Assert.All(page.Items, e => Assert.Equal(kim.PartnerId, e.PartnerId));
    }
}
