using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using PartnerOffice.Exports.Datasets;

namespace PartnerOffice.Bench;

/// <summary>
/// One reference writer: DocumentFormat.OpenXml 3.3's SAX <see cref="OpenXmlWriter"/> writing the same
/// typed cells (inline strings, numbers, date serials with a style) into a sheet entry of a zip that
/// we create ourselves at the same compression level, the fastest way to use it (its package API
/// buffers the whole sheet in memory). Only the sheet is written: the rest of a workbook is tiny.
/// </summary>
internal static class OpenXmlSaxReference
{
    public static (long Rows, long Bytes) Write(IReadOnlyList<object?[]> rows, ExportLayout layout, string path)
    {
        using (var file = File.Create(path))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        using (var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open())
        using (var writer = OpenXmlWriter.Create(sheet))
        {
            writer.WriteStartDocument(true);
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            writer.WriteStartElement(new Row());
            foreach (var column in layout.Columns)
                writer.WriteElement(new Cell(new InlineString(new Text(column.Header))) { DataType = CellValues.InlineString, StyleIndex = 1 });
            writer.WriteEndElement();
            foreach (var row in rows)
            {
                writer.WriteStartElement(new Row());
                for (var i = 0; i < row.Length; i++) writer.WriteElement(CellOf(row[i], layout.Columns[i].Type));
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        return (rows.Count, new FileInfo(path).Length);
    }

    private static Cell CellOf(object? value, ColumnType type) => value switch
    {
        null => new Cell(),
        ExportCases.BufferedText text => new Cell(new InlineString(new Text(text.Text))) { DataType = CellValues.InlineString },
        DateTime at => new Cell(new CellValue(at.ToOADate())) { StyleIndex = type == ColumnType.Date ? 4u : 3u },
        long number => new Cell(new CellValue(number.ToString(System.Globalization.CultureInfo.InvariantCulture))) { StyleIndex = type == ColumnType.Money ? 2u : null },
        _ => throw new ArgumentException($"Unexpected value {value}."),
    };
}
