using PartnerOffice.Exports.Datasets;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace PartnerOffice.Bench;

/// <summary>
/// The second reference writer: SpreadCheetah, a library made for writing large xlsx files forward-only and fast.
/// It writes the workbook ours writes: a bold, frozen header row with an autofilter, the column widths, inline
/// strings, numbers, money with thousands separators and dates as serials with a style, at the fastest
/// compression level. It writes on one thread, where ours writes its parts on both cores.
/// </summary>
internal static class SpreadCheetahReference
{
    public static async Task<(long Rows, long Bytes)> WriteAsync(IReadOnlyList<object?[]> rows, ExportLayout layout, string path)
    {
        var columns = layout.Columns;
        await using (var file = File.Create(path))
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(file, new SpreadCheetahOptions { CompressionLevel = SpreadCheetahCompressionLevel.Fastest }))
        {
            var header = spreadsheet.AddStyle(new Style { Font = { Bold = true } });
            var money = spreadsheet.AddStyle(new Style { Format = NumberFormat.Standard(StandardNumberFormat.ThousandsSeparator) });
            var dateTime = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd hh:mm:ss") });
            var date = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd") });
            var styles = columns.Select(c => c.Type switch
            {
                ColumnType.Money => money,
                ColumnType.DateTime => dateTime,
                ColumnType.Date => date,
                _ => null,
            }).ToArray();

            var sheet = new WorksheetOptions { FrozenRows = 1, AutoFilter = new AutoFilterOptions($"A1:{(char)('A' + columns.Count - 1)}{rows.Count + 1}") };
            for (var i = 0; i < columns.Count; i++) sheet.Column(i + 1).Width = columns[i].Width;
            await spreadsheet.StartWorksheetAsync(layout.Title, sheet);
            await spreadsheet.AddRowAsync(columns.Select(c => new Cell(c.Header, header)).ToArray());

            var cells = new Cell[columns.Count];
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++) cells[i] = CellOf(row[i], styles[i]);
                await spreadsheet.AddRowAsync(cells);
            }
            await spreadsheet.FinishAsync();
        }
        return (rows.Count, new FileInfo(path).Length);
    }

    private static Cell CellOf(object? value, StyleId? style) => value switch
    {
        null => new Cell((string?)null),
        ExportCases.BufferedText text => new Cell(text.Text, style),
        DateTime at => new Cell(at, style),
        long number => new Cell(number, style),
        _ => throw new ArgumentException($"Unexpected value {value}."),
    };
}
