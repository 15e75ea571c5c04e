using PartnerOffice.Retail;
using System.Text.Json;
using PartnerOffice.Exports;
using PartnerOffice.Exports.Datasets;
using PartnerOffice.Exports.Formats;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Exports;

/// <summary>
/// The demo's data exported by the export job as the portal runs it (database → partitioned parts → merged file →
/// file store), downloaded and checked against the database; and a part's resumption from its checkpoint.
/// </summary>
public abstract class DatasetExportTests(PortalHost portal)
{
    private int Partner => (int)portal.ScalarAsLong("SELECT Id FROM Partners WHERE Code = 'HANBIT'");

    public static TheoryData<string, string> DatasetsAndFormats()
    {
        var data = new TheoryData<string, string>();
        foreach (var dataset in ExportDatasets.All)
            foreach (var format in ExportFormat.All) data.Add(dataset.Name, format.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(DatasetsAndFormats))]
    public async Task Every_dataset_exports_all_its_matching_rows_in_every_format(string datasetName, string formatName)
    {
        using var temp = new TempDirectory();
        var query = ExportDatasets.Find(datasetName)!.Query(Partner, ExportFilters.None);
        var format = ExportFormat.Find(formatName)!;
        var path = temp.File("export" + format.FileExtension);

        var export = await ExportAsync($$"""{"dataset":"{{datasetName}}","format":"{{formatName}}"}""", path);

        await using var connection = await portal.Database.OpenAsync();
        var expected = await query.CountAsync(connection);
        Assert.True(expected > 0);
        Assert.Equal(expected, export.GetProperty("rowCount").GetInt64());
        Assert.Equal(expected, CountRows(format, path));
        Assert.False(Directory.Exists(Path.Combine(portal.DataDirectory, "work", $"export-{export.GetProperty("id").GetInt64()}")));
    }

    [Fact]
    public async Task Exported_orders_hold_the_database_values_typed()
    {
        using var temp = new TempDirectory();
        foreach (var format in ExportFormat.All)
            await ExportAsync($$$"""{"dataset":"orders","format":"{{{format.Name}}}","filters":{"status":"Delivered"}}""", temp.File("orders" + format.FileExtension));
        var first = await FirstDeliveredOrderAsync();

        var csv = ExportFiles.ReadCsv(temp.File("orders.csv"))[1];
        Assert.Equal(first, csv);
        var json = ExportFiles.ReadJson(temp.File("orders.json"))[0];
        Assert.Equal(long.Parse(first[0]), json.GetProperty("orderId").GetInt64());
        Assert.Equal(first[4], json.GetProperty("customerName").GetString());
        Assert.Equal(long.Parse(first[6]), json.GetProperty("totalAmount").GetInt64());
        Assert.Equal(DateTime.Parse(first[2]), json.GetProperty("orderedAt").GetDateTime().ToUniversalTime());
        var sheet = ExportFiles.ReadXlsx(temp.File("orders.xlsx"))[0];
        Assert.Equal(first[4], ExportFiles.InlineText(sheet.Rows[1][4]));
        Assert.Equal(first[6], sheet.Rows[1][6].CellValue!.Text);
        Assert.Equal(DateTime.Parse(first[2]), DateTime.FromOADate(double.Parse(sheet.Rows[1][2].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task A_partition_restarted_from_its_checkpoint_writes_the_same_part_as_one_that_never_stopped(string formatName)
    {
        using var temp = new TempDirectory();
        var format = ExportFormat.Find(formatName)!;
        var query = ExportDatasets.OrderLines.Query(Partner, ExportFilters.None);
        await using var connection = await portal.Database.OpenAsync();
        var range = (await query.KeyBoundsAsync(connection))!.Value;
        var layout = query.Dataset.Layout;

        var whole = WriteWholePart(format, query, connection, range, temp.File("whole.part"));

        PartCheckpoint checkpoint;
        using (var reader = query.OpenReader(connection, range))
        using (var writer = format.OpenPart(layout, temp.File("resumed.part")))
        {
            writer.WriteRows(reader, 100);
            checkpoint = writer.Flush();
            // More rows reach the file, but the process dies before their checkpoint is recorded.
            writer.WriteRows(reader, 37);
            writer.Flush();
        }
        Assert.True(new FileInfo(temp.File("resumed.part")).Length > checkpoint.Bytes);
        ExportPart resumed;
        using (var reader = query.OpenReader(connection, range, checkpoint.LastKey))
        using (var writer = format.OpenPart(layout, temp.File("resumed.part"), checkpoint))
        {
            Assert.Equal(100, writer.Rows);
            while (writer.WriteRows(reader, 100) > 0) writer.Flush();
            resumed = writer.Complete();
        }

        Assert.Equal((whole.Rows, whole.ContentBytes, whole.ContentCrc32), (resumed.Rows, resumed.ContentBytes, resumed.ContentCrc32));
        Assert.Equal(Content(format, whole), Content(format, resumed));
        await using (var output = File.Create(temp.File("merged" + format.FileExtension)))
            await format.MergeAsync(layout, [resumed with { Path = temp.File("resumed.part") }], output);
        Assert.Equal(whole.Rows, CountRows(format, temp.File("merged" + format.FileExtension)));
    }

    [Fact]
    public void A_part_shorter_than_its_checkpoint_cannot_be_resumed()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("short.part"), new byte[10]);

        Assert.Throws<InvalidOperationException>(() =>
            ExportFormat.Csv.OpenPart(ExportDatasets.Orders.Layout, temp.File("short.part"), new PartCheckpoint(5, 5, 100, 100, 0)));
    }

    private Task<JsonElement> ExportAsync(string body, string path) => portal.ExportToFileAsync(PortalHost.Kim, body, path);

    private static ExportPart WriteWholePart(ExportFormat format, DatasetQuery query, System.Data.Common.DbConnection connection, KeyRange range, string path)
    {
        using var reader = query.OpenReader(connection, range);
        using var writer = format.OpenPart(query.Dataset.Layout, path);
        writer.WriteRows(reader, int.MaxValue);
        return writer.Complete();
    }

    /// <summary>What a part holds: its bytes, inflated when the format compresses parts (xlsx).</summary>
    private static byte[] Content(ExportFormat format, ExportPart part)
    {
        var bytes = File.ReadAllBytes(part.Path)[..(int)part.Bytes];
        if (format != ExportFormat.Xlsx) return bytes;
        using var inflated = new System.IO.Compression.DeflateStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
        var content = new byte[part.ContentBytes];
        inflated.ReadExactly(content);
        return content;
    }

    private static long CountRows(ExportFormat format, string path) => format.Name switch
    {
        "csv" => ExportFiles.ReadCsv(path).Count - 1,
        "json" => ExportFiles.ReadJson(path).Length,
        _ => CountValidXlsxRows(path),
    };

    private static long CountValidXlsxRows(string path)
    {
        ExportFiles.AssertValidXlsx(path);
        return ExportFiles.ReadXlsx(path).Sum(s => s.Rows.Count - 1);
    }

    /// <summary>The first delivered order of the partner as the csv should show it.</summary>
    private async Task<string[]> FirstDeliveredOrderAsync()
    {
        await using var connection = await portal.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = SqlNames.Quote($"SELECT Id, OrderNumber, OrderedAt, Status, CustomerName, ItemCount, TotalAmount, ShippingFee FROM Orders WHERE PartnerId = {Partner} AND Status = 'Delivered' ORDER BY Id LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        // SQLite returns the stored date text; PostgreSQL a timestamp, shown here in that same form.
        return Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i) is DateTime time
            ? RetailDataSeeder.Format(time)
            : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!).ToArray();
    }
}

public sealed class DatasetExportOnSqliteTests(PortalHost portal) : DatasetExportTests(portal), IClassFixture<PortalHost>;

public sealed class DatasetExportOnPostgreSqlTests(PostgreSqlPortalHost portal) : DatasetExportTests(portal), IClassFixture<PostgreSqlPortalHost>;
