using Bunit;
using PartnerOffice.App.Api;
using PartnerOffice.App.Components.Pages.Exports;

namespace PartnerOffice.Tests.Components;

public class ExportStatusChipTests : PortalComponentTest
{
    /// <summary>An export as the API shows it, with only what a test cares about set.</summary>
    internal static ExportResponse Export(string status, long done = 0, long? total = null, bool byOperator = false, string? failure = null,
        DateTimeOffset? started = null, long id = 7) =>
        new(id, "orders", "csv", new Dictionary<string, string>(), Enum.Parse<PartnerOffice.Exports.ExportStatus>(status), done, total,
            status == "Completed" ? 100 : total > 0 ? (int)(done * 100 / total.Value) : 0, null, null, null,
            DateTimeOffset.UtcNow, started, null, null, failure, null, byOperator, HoldsPersonalData: true);

    [Theory]
    [InlineData("Queued", "Queued", "대기", "neutral")]
    [InlineData("Running", "Running", "실행 중", "info")]
    [InlineData("Completed", "Completed", "완료", "success")]
    [InlineData("Failed", "Failed", "실패", "danger")]
    [InlineData("Cancelled", "Cancelled", "취소됨", "neutral")]
    [InlineData("Expired", "Expired", "만료됨", "neutral")]
    [InlineData("Stopped", "Stopped", "중지됨", "warning")]
    public void Each_status_reads_in_the_users_language_in_its_tone(string status, string english, string korean, string tone)
    {
        var chip = Render<ExportStatusChip>(p => p.Add(x => x.Export, Export(status))).Find("[data-testid=export-status]");
        Assert.Equal(english, chip.TextContent.Trim());
        Assert.Contains($"po-status-{tone}", chip.ClassName);

        UseCulture("ko");
        chip = Render<ExportStatusChip>(p => p.Add(x => x.Export, Export(status))).Find("[data-testid=export-status]");
        Assert.Equal(korean, chip.TextContent.Trim());
        Assert.Contains($"po-status-{tone}", chip.ClassName);
    }

    [Fact]
    public void An_operators_stop_or_cancel_says_so_and_whether_a_file_will_still_come()
    {
        string Reason(ExportResponse export) => Render<ExportStatusChip>(p => p.Add(x => x.Export, export)).Find("[data-testid=export-status-reason]").TextContent;

        Assert.Equal("Stopped by an operator — it resumes when restarted", Reason(Export("Stopped", 730, 1000, byOperator: true)));
        Assert.Equal("Cancelled by an operator — it will never have a file", Reason(Export("Cancelled", byOperator: true)));
        Assert.Equal("It will never have a file", Reason(Export("Cancelled")));
        Assert.Equal("The server does not have enough disk space for the file; request it again later — it will never have a file",
            Reason(Export("Failed", failure: "DiskFull")));
        Assert.Equal("The export failed on the server; the operators can see why — it will never have a file", Reason(Export("Failed", failure: "Internal")));

        UseCulture("ko");
        Assert.Equal("운영자가 중지함 — 다시 시작하면 이어서 진행됩니다", Reason(Export("Stopped", 730, 1000, byOperator: true)));
        Assert.Equal("운영자가 취소함 — 파일은 만들어지지 않습니다", Reason(Export("Cancelled", byOperator: true)));
    }

    [Theory]
    [InlineData("Queued")]
    [InlineData("Running")]
    [InlineData("Completed")]
    public void A_status_that_says_it_all_has_no_reason_underneath(string status) =>
        Assert.Empty(Render<ExportStatusChip>(p => p.Add(x => x.Export, Export(status))).FindAll("[data-testid=export-status-reason]"));
}
