using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerOffice.Data;
using PartnerOffice.Exports;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Exports;

/// <summary>The export path warmed up as the portal starts: real orders through every format, nothing left behind.</summary>
public sealed class ExportWarmUpTests
{
    [Fact]
    public async Task Warming_up_writes_a_sample_of_the_orders_in_every_format_three_times_and_leaves_no_file()
    {
        await using var portal = await PortalHost.StartAsync();
        using var work = new TempDirectory();
        var logs = new CapturedLogs();

        await WarmUpAsync(portal, work, logs);

        var line = Assert.Single(logs.Lines, l => l.Message.StartsWith("Export path warmed up with "));
        var rows = long.Parse(Regex.Match(line.Message, @"\d+").Value);
        Assert.True(rows > 0 && rows % 9 == 0, $"Expected the same rows in 3 formats × 3 passes, got {rows}.");
        Assert.InRange(rows / 9, 1, 80);
        Assert.Empty(Directory.EnumerateFileSystemEntries(work.Path));
    }

    [Fact]
    public async Task A_database_without_orders_is_left_alone()
    {
        await using var portal = await PortalHost.StartAsync(orders: 0);
        using var work = new TempDirectory();
        var logs = new CapturedLogs();

        await WarmUpAsync(portal, work, logs);

        Assert.DoesNotContain(logs.Lines, l => l.Level >= LogLevel.Information);
        Assert.Empty(Directory.EnumerateFileSystemEntries(work.Path));
    }

    private static Task WarmUpAsync(PortalHost portal, TempDirectory work, CapturedLogs logs) =>
        new ExportWarmUp(portal.Services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>(),
                Options.Create(new ExportOptions { WorkDirectory = work.Path, WarmUpRows = 50 }), new LoggerFactory([logs]).CreateLogger<ExportWarmUp>())
            .StartAsync(CancellationToken.None);
}
