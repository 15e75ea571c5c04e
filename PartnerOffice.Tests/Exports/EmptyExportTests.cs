using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerOffice.Exports.Datasets;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Exports;

/// <summary>An export whose filters match nothing is not an error: it completes with a file holding only the header.</summary>
public abstract class EmptyExportTests(PortalHost portal)
{
    private const string NothingMatches = """{"from":"2020-01-01","to":"2020-01-31"}""";

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("xlsx")]
    public async Task An_export_matching_no_rows_completes_with_just_the_header(string format)
    {
        using var client = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));

        var export = await portal.RequestExportAndWaitAsync(client, $$"""{"dataset":"orders","format":"{{format}}","filters":{{NothingMatches}}}""");

        Assert.Equal("Completed", export.GetProperty("status").GetString());
        Assert.Equal(0, export.GetProperty("rowCount").GetInt64());
        Assert.Equal(JsonValueKind.Null, export.GetProperty("error").ValueKind);
        var file = await client.GetAsync($"/api/exports/{export.GetProperty("id").GetInt64()}/file?reason=test");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        using var temp = new TempDirectory();
        var path = temp.File("empty." + format);
        await File.WriteAllBytesAsync(path, await file.Content.ReadAsByteArrayAsync());
        var headers = ExportDatasets.Orders.Layout.Columns.Select(c => c.Header).ToArray();
        switch (format)
        {
            case "csv": Assert.Equal([headers], ExportFiles.ReadCsv(path)); break;
            case "json": Assert.Empty(ExportFiles.ReadJson(path)); break;
            case "xlsx":
                ExportFiles.AssertValidXlsx(path);
                var rows = ExportFiles.ReadXlsx(path).Single().Rows;
                Assert.Equal(headers, Assert.Single(rows).Select(ExportFiles.InlineText));
                break;
        }
    }
}

public sealed class EmptyExportOnSqliteTests(PortalHost portal) : EmptyExportTests(portal), IClassFixture<PortalHost>;

public sealed class EmptyExportOnPostgreSqlTests(PostgreSqlPortalHost portal) : EmptyExportTests(portal), IClassFixture<PostgreSqlPortalHost>;
