using System.Diagnostics;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Exports;

/// <summary>
/// The xlsx export opens in a real spreadsheet program: LibreOffice (headless) converts it back to csv with
/// every row. scripts/install-test-deps.sh installs it.
/// </summary>
public sealed class LibreOfficeOpensXlsxTests(PortalHost portal) : IClassFixture<PortalHost>
{
    [Fact]
    public async Task LibreOffice_reads_every_row_of_an_xlsx_export()
    {
        using var temp = new TempDirectory();
        var xlsx = temp.File("orders.xlsx");
        var rows = (await portal.ExportToFileAsync(PortalHost.Kim, """{"dataset":"orders","format":"xlsx"}""", xlsx)).GetProperty("rowCount").GetInt64();
        Assert.True(rows > 0);

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("PARTNEROFFICE_SOFFICE") ?? "soffice")
        {
            ArgumentList = { $"-env:UserInstallation=file://{temp.File("profile")}", "--headless", "--convert-to", "csv", "--outdir", temp.Path, xlsx },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, await stderr);

        var lines = File.ReadAllLines(temp.File("orders.csv")).Where(l => l.Length > 0).ToList();
        Assert.Equal(rows + 1, lines.Count);
        Assert.StartsWith("Order", lines[0]);
    }
}
