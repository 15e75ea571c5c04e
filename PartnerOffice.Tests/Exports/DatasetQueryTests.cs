using PartnerOffice.Exports;
using PartnerOffice.Exports.Datasets;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Exports;

public abstract class DatasetQueryTests(RetailTestDatabase database)
{
    private const int Partner = 1;

    [Fact]
    public async Task Count_and_bounds_cover_only_the_partners_matching_rows()
    {
        await using var connection = await database.OpenAsync();
        var query = ExportDatasets.Orders.Query(Partner, new ExportFilters(new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 31), "Delivered"));

        var count = await query.CountAsync(connection);
        var bounds = await query.KeyBoundsAsync(connection);

        const string where = "PartnerId = 1 AND OrderedAt >= '2026-03-01' AND OrderedAt < '2026-06-01' AND Status = 'Delivered'";
        Assert.Equal(await database.ScalarAsync($"SELECT COUNT(*) FROM Orders WHERE {where}"), count);
        Assert.InRange(count, 1, 3_000);
        Assert.Equal(new KeyRange(await database.ScalarAsync($"SELECT MIN(Id) FROM Orders WHERE {where}"),
            await database.ScalarAsync($"SELECT MAX(Id) FROM Orders WHERE {where}")), bounds);
    }

    [Fact]
    public async Task The_to_day_is_included_whole()
    {
        await using var connection = await database.OpenAsync();
        var lastOrder = await database.ScalarAsync("SELECT MAX(Id) FROM Orders WHERE PartnerId = 1");
        // SQLite hands the stored text back, PostgreSQL a timestamp.
        var orderedAt = await QueryOneAsync($"SELECT OrderedAt FROM Orders WHERE Id = {lastOrder}") switch
        {
            DateTime time => time,
            var text => DateTime.Parse((string)text!, System.Globalization.CultureInfo.InvariantCulture),
        };
        var day = DateOnly.FromDateTime(orderedAt);

        var keys = await ReadKeysAsync(ExportDatasets.Orders.Query(Partner, new ExportFilters(day, day)), new KeyRange(lastOrder, lastOrder));

        Assert.Equal([lastOrder], keys);
    }

    [Fact]
    public async Task Nothing_matching_has_no_bounds()
    {
        await using var connection = await database.OpenAsync();
        var query = ExportDatasets.Orders.Query(Partner, new ExportFilters(new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 31)));

        Assert.Equal(0, await query.CountAsync(connection));
        Assert.Null(await query.KeyBoundsAsync(connection));
        Assert.Null(await ExportDatasets.Orders.Query(partnerId: 999, ExportFilters.None).KeyBoundsAsync(connection));
    }

    [Theory]
    [InlineData("orders", "Orders")]
    [InlineData("order-lines", "OrderLines")]
    [InlineData("settlements", "Settlements")]
    [InlineData("products", "Products")]
    [InlineData("members", "Members")]
    public async Task Partitions_read_every_matching_row_once_in_key_order(string datasetName, string table)
    {
        await using var connection = await database.OpenAsync();
        var query = ExportDatasets.Find(datasetName)!.Query(Partner, ExportFilters.None);
        var bounds = (await query.KeyBoundsAsync(connection))!.Value;

        var keys = new List<long>();
        foreach (var range in bounds.Split(3)) keys.AddRange(await ReadKeysAsync(query, range));

        Assert.Equal(await database.ScalarAsync($"SELECT COUNT(*) FROM {table} WHERE PartnerId = {Partner}"), keys.Count);
        Assert.Equal(await query.CountAsync(connection), keys.Count);
        Assert.Equal(keys.Order(), keys);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task A_reader_resumes_after_the_checkpointed_key()
    {
        var query = ExportDatasets.Members.Query(Partner, ExportFilters.None);
        await using var connection = await database.OpenAsync();
        var bounds = (await query.KeyBoundsAsync(connection))!.Value;
        var all = await ReadKeysAsync(query, bounds);

        var resumed = await ReadKeysAsync(query, bounds, resumeAfterKey: all[9]);

        Assert.Equal(all.Skip(10), resumed);
        using (var ended = query.OpenReader(connection, bounds, resumeAfterKey: all[^2]))
        {
            Assert.True(ended.Read());
            Assert.False(ended.Read());
            Assert.False(ended.Read()); // and does not start over
        }
        Assert.Empty(await ReadKeysAsync(query, bounds, resumeAfterKey: all[^1]));
    }

    [Fact]
    public async Task Columns_are_read_typed()
    {
        var query = ExportDatasets.Settlements.Query(Partner, new ExportFilters(Status: "Pending"));
        await using var connection = await database.OpenAsync();
        using var reader = query.OpenReader(connection, (await query.KeyBoundsAsync(connection))!.Value);

        Assert.True(reader.Read());
        var columns = ExportDatasets.Settlements.Layout.Columns.Select((c, i) => (c.Key, i)).ToDictionary();
        Assert.Equal(DateTimeKind.Utc, reader.GetDateTime(columns["periodStart"]).Kind);
        Assert.Equal(TimeSpan.Zero, reader.GetDateTime(columns["periodStart"]).TimeOfDay);
        Assert.Equal("Pending"u8.ToArray(), reader.GetUtf8(columns["status"]).ToArray());
        Assert.True(reader.IsNull(columns["paidAt"]));
        Assert.Equal(reader.GetInt64(columns["grossAmount"]) - reader.GetInt64(columns["commission"]), reader.GetInt64(columns["netAmount"]));
    }

    [Theory]
    [InlineData("2026-10-31 23:59:58", "2026-10-31T23:59:58.0000000Z")]
    [InlineData("2026-01-02 03:04:05.5", "2026-01-02T03:04:05.5000000Z")]
    [InlineData("2026-01-02 03:04:05.1234567", "2026-01-02T03:04:05.1234567Z")]
    [InlineData("2026-01-02", "2026-01-02T00:00:00.0000000Z")]
    public void Stored_date_text_parses_to_utc(string stored, string expected)
    {
        Assert.Equal(expected, PartnerOffice.Data.Sqlite.SqliteExportRowReader.ParseStoredDateTime(System.Text.Encoding.UTF8.GetBytes(stored)).ToString("O"));
    }

    [Fact]
    public void Key_ranges_split_without_gaps_or_overlaps()
    {
        Assert.Equal([new KeyRange(1, 4), new KeyRange(5, 7), new KeyRange(8, 10)], new KeyRange(1, 10).Split(3));
        Assert.Equal([new KeyRange(5, 5), new KeyRange(6, 6)], new KeyRange(5, 6).Split(4));
        Assert.Equal([new KeyRange(long.MinValue, -1), new KeyRange(0, long.MaxValue)], new KeyRange(long.MinValue, long.MaxValue).Split(2));
        Assert.True(new KeyRange(1, 10).After(10).IsEmpty);
        Assert.Equal(new KeyRange(4, 10), new KeyRange(1, 10).After(3));
    }

    private async Task<List<long>> ReadKeysAsync(DatasetQuery query, KeyRange range, long? resumeAfterKey = null)
    {
        await using var connection = await database.OpenAsync();
        using var reader = query.OpenReader(connection, range, resumeAfterKey);
        var keys = new List<long>();
        while (reader.Read()) keys.Add(reader.Key);
        return keys;
    }

    private async Task<object?> QueryOneAsync(string sql)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = SqlNames.Quote(sql);
        return await command.ExecuteScalarAsync();
    }
}

public sealed class DatasetQueryOnSqliteTests(RetailTestDatabase database) : DatasetQueryTests(database), IClassFixture<RetailTestDatabase>;

public sealed class DatasetQueryOnPostgreSqlTests(PostgreSqlRetailTestDatabase database) : DatasetQueryTests(database), IClassFixture<PostgreSqlRetailTestDatabase>;
