using PartnerOffice.Exports;
using PartnerOffice.Exports.Datasets;
using PartnerOffice.Exports.Formats;
using PartnerOffice.Jobs.Database;

namespace PartnerOffice.Bench;

/// <summary>What one timed case did; <paramref name="FirstSeconds"/> is the same case's first run in its process (cold JIT), when timed.</summary>
internal sealed record CaseResult(double Seconds, long Rows, long FileBytes, long BaselineBytes, long PeakBytes, double? FirstSeconds = null);

/// <summary>The cases a child process runs, each timed on its own, in a fresh process (so peak memory is the case's).</summary>
internal static class ExportCases
{
    public static readonly string[] Exports = ["export-xlsx", "export-csv", "export-json"];
    public const string OurXlsxWriter = "writer-xlsx";
    public const string OpenXmlSaxWriter = "writer-openxml";
    public const string SpreadCheetahWriter = "writer-spreadcheetah";
    private const int WarmUpRuns = 3;

    /// <summary>
    /// Runs the case untimed a few times, so that the timed run meets optimised code and a warm disk
    /// cache as in a server that has been exporting for a while (the runtime optimises a method after
    /// 30 calls: chunk-level methods need several runs of a small export), then once more, timed.
    /// The first warm-up is timed too: the first export after the process starts, against the warm one. Before it, an
    /// export case starts the engine and exports a day with no orders, untimed: the whole pipeline once but none of its
    /// row loops, as a portal has migrated, built its models and opened its connections before anyone exports.
    /// </summary>
    public static async Task<CaseResult> RunAsync(string benchCase, DatabaseConnection database, int partnerId, int partitions)
    {
        if (ExportFormatOf(benchCase) is { } format)
            return await InWorkDirectoryAsync(async work =>
            {
                await using var portal = await ExportJobRun.StartAsync(database, partnerId, partitions, work);
                await portal.ExportAsync(format, NoOrders);
                return await TimeFirstAndWarmAsync(_ => portal.ExportAsync(format));
            });
        var write = await PrepareWriterAsync(benchCase, database, partnerId, partitions);
        return await TimeFirstAndWarmAsync(write);
    }

    private static async Task<CaseResult> TimeFirstAndWarmAsync(Func<string, Task<(long Rows, long Bytes)>> run)
    {
        var first = await InWorkDirectoryAsync(work => CaseTimer.TimeAsync(() => run(work)));
        for (var i = 1; i < WarmUpRuns; i++) await InWorkDirectoryAsync(run);
        var warm = await InWorkDirectoryAsync(work => CaseTimer.TimeAsync(() => run(work)));
        return warm with { FirstSeconds = first.Seconds };
    }

    /// <summary>A writer case's work, given a work folder; its rows are read into memory here, untimed.</summary>
    private static async Task<Func<string, Task<(long Rows, long Bytes)>>> PrepareWriterAsync(string benchCase, DatabaseConnection database, int partnerId, int partitions)
    {
        var rows = await ReadOrdersAsync(database, partnerId);
        return benchCase switch
        {
            OurXlsxWriter => WriteWithOurXlsx(rows, partitions),
            OpenXmlSaxWriter => work => Task.FromResult(OpenXmlSaxReference.Write(rows, ExportDatasets.Orders.Layout, Path.Combine(work, "writer.xlsx"))),
            SpreadCheetahWriter => work => SpreadCheetahReference.WriteAsync(rows, ExportDatasets.Orders.Layout, Path.Combine(work, "writer.xlsx")),
            _ => throw new ArgumentException($"Unknown case '{benchCase}'."),
        };
    }

    /// <summary>A day with no orders: the export runs its whole pipeline once, with no rows.</summary>
    private static readonly Dictionary<string, string?> NoOrders = new() { ["from"] = "2000-01-01", ["to"] = "2000-01-01" };

    /// <summary>The format an <c>export-&lt;format&gt;</c> case exports; null for the writer cases.</summary>
    private static ExportFormat? ExportFormatOf(string benchCase) =>
        benchCase.StartsWith("export-") ? ExportFormat.Find(benchCase["export-".Length..]) : null;

    private static async Task<T> InWorkDirectoryAsync<T>(Func<string, Task<T>> run)
    {
        var work = Directory.CreateTempSubdirectory("partneroffice-bench-");
        try
        {
            return await run(work.FullName);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Our xlsx writer as the export uses it: parts written (and compressed) in parallel, then merged.</summary>
    private static Func<string, Task<(long Rows, long Bytes)>> WriteWithOurXlsx(IReadOnlyList<object?[]> rows, int partitions)
    {
        var layout = ExportDatasets.Orders.Layout;
        var size = (rows.Count + partitions - 1) / partitions;
        var slices = Enumerable.Range(0, partitions).Select(p => rows.Skip(p * size).Take(size).ToList()).ToArray();
        return async work =>
        {
            var parts = await Task.WhenAll(slices.Select((slice, p) => Task.Run(() =>
            {
                using var writer = ExportFormat.Xlsx.OpenPart(layout, Path.Combine(work, $"writer-{p}.part"));
                var rows = new BufferedRows(slice);
                while (writer.WriteRows(rows, ExportOptions.DefaultChunkRows) > 0) { }
                return writer.Complete();
            })));
            var output = Path.Combine(work, "writer.xlsx");
            await using (var file = File.Create(output))
                await ExportFormat.Xlsx.MergeAsync(layout, parts, file);
            return (parts.Sum(p => p.Rows), new FileInfo(output).Length);
        };
    }

    private static async Task<IReadOnlyList<object?[]>> ReadOrdersAsync(DatabaseConnection database, int partnerId)
    {
        var query = ExportDatasets.Orders.Query(partnerId, ExportFilters.None);
        await using var connection = await database.OpenAsync();
        var columns = query.Dataset.Layout.Columns;
        using var reader = query.OpenReader(connection, (await query.KeyBoundsAsync(connection))!.Value);
        var rows = new List<object?[]>();
        while (reader.Read())
            rows.Add(columns.Select((c, i) => reader.IsNull(i) ? null : c.Type switch
            {
                ColumnType.Text => new BufferedText(reader.GetUtf8(i).ToArray()),
                ColumnType.DateTime or ColumnType.Date => (object)reader.GetDateTime(i),
                _ => reader.GetInt64(i),
            }).ToArray());
        return rows;
    }

    /// <summary>Text as each writer takes it, both made before timing: UTF-8 for ours, a string for the others.</summary>
    internal sealed record BufferedText(byte[] Utf8)
    {
        public string Text { get; } = System.Text.Encoding.UTF8.GetString(Utf8);
    }

    /// <summary>Rows from memory, so writer cases time writing only.</summary>
    private sealed class BufferedRows(IReadOnlyList<object?[]> rows) : IExportRowReader
    {
        private int _index = -1;
        public bool Read() => ++_index < rows.Count;
        public long Key => (long)rows[_index][0]!;
        public bool IsNull(int column) => rows[_index][column] is null;
        public long GetInt64(int column) => (long)rows[_index][column]!;
        public ReadOnlySpan<byte> GetUtf8(int column) => ((BufferedText)rows[_index][column]!).Utf8;
        public DateTime GetDateTime(int column) => (DateTime)rows[_index][column]!;
        public void Dispose() { }
    }
}
