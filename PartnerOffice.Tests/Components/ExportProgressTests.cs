using Bunit;
using PartnerOffice.App.Components.Pages.Exports;
using static PartnerOffice.Tests.Components.ExportStatusChipTests;

namespace PartnerOffice.Tests.Components;

public class ExportProgressTests : PortalComponentTest
{
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_running_export_shows_a_named_bar_with_its_percentage_the_rows_and_the_time_left()
    {
        // 1,000 of 4,000 rows in 2 minutes: 6 more minutes at that rate.
        var cut = Render<ExportProgress>(p => p.Add(x => x.Export, Export("Running", 1_000, 4_000, started: Now.AddMinutes(-2))).Add(x => x.Now, Now));

        var bar = cut.Find("[role=progressbar]");
        Assert.Equal("Progress", bar.GetAttribute("aria-label"));
        Assert.Equal("25", bar.GetAttribute("aria-valuenow"));
        Assert.Equal("25%", bar.TextContent.Trim());
        Assert.Contains("1,000 of 4,000 rows", cut.Markup);
        Assert.Contains("about 6 min left", cut.Markup);
    }

    [Fact]
    public void In_korean_the_bar_is_named_and_the_rows_read_korean()
    {
        UseCulture("ko");
        var cut = Render<ExportProgress>(p => p.Add(x => x.Export, Export("Running", 1_000, 4_000, started: Now.AddSeconds(-10))).Add(x => x.Now, Now));

        Assert.Equal("진행률", cut.Find("[role=progressbar]").GetAttribute("aria-label"));
        Assert.Contains("4,000행 중 1,000행", cut.Markup);
        Assert.Contains("1분 이내 남음", cut.Markup);
    }

    [Fact]
    public void A_queued_export_has_no_total_yet_and_no_time_left()
    {
        var cut = Render<ExportProgress>(p => p.Add(x => x.Export, Export("Queued")).Add(x => x.Now, Now));

        Assert.Equal("0", cut.Find("[role=progressbar]").GetAttribute("aria-valuenow"));
        Assert.Contains("0 rows", cut.Markup);
        Assert.DoesNotContain("left", cut.Markup);
    }
}
