using System.IO.Compression;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Microsoft.VisualBasic.FileIO;
using PartnerOffice.Exports.Datasets;
using PartnerOffice.Exports.Formats;

namespace PartnerOffice.Tests.Exports;

/// <summary>Writes export files from in-memory parts and reads finished files back with independent parsers.</summary>
internal static class ExportFiles
{
    /// <summary>Writes each row list as one part, then merges them into <paramref name="path"/>.</summary>
    public static async Task<IReadOnlyList<ExportPart>> WriteAsync(ExportFormat format, ExportLayout layout, string path, params IReadOnlyList<object?[]>[] partRows)
    {
        var parts = new List<ExportPart>();
        long firstKey = 1;
        foreach (var rows in partRows)
        {
            using var writer = format.OpenPart(layout, $"{path}.{parts.Count}.part");
            writer.WriteRows(new InMemoryRows(rows, firstKey), int.MaxValue);
            parts.Add(writer.Complete());
            firstKey += rows.Count;
        }
        await using var output = File.Create(path);
        await format.MergeAsync(layout, parts, output);
        return parts;
    }

    /// <summary>Records of an RFC 4180 file, header first, parsed by the framework's TextFieldParser.</summary>
    public static List<string[]> ReadCsv(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        using var parser = new TextFieldParser(new StringReader(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3)))
        {
            TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = false,
        };
        parser.SetDelimiters(",");
        var records = new List<string[]>();
        while (!parser.EndOfData) records.Add(parser.ReadFields()!);
        return records;
    }

    public static JsonElement[] ReadJson(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    /// <summary>Fails with the validator's messages when the workbook is not valid Office Open XML.</summary>
    public static void AssertValidXlsx(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var errors = new OpenXmlValidator().Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
    }

    /// <summary>The sheets in workbook order, each as its rows of cells (header row included).</summary>
    public static List<(Sheet Sheet, Worksheet Worksheet, List<List<Cell>> Rows)> ReadXlsx(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        return workbook.Workbook.Sheets!.Elements<Sheet>().Select(sheet =>
        {
            var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
            var rows = worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Select(r => r.Elements<Cell>().ToList()).ToList();
            return ((Sheet)sheet.CloneNode(true), (Worksheet)worksheet.CloneNode(true), rows);
        }).ToList();
    }

    /// <summary>The text of an inline-string cell as stored (OOXML _xHHHH_ escapes not decoded).</summary>
    public static string InlineText(Cell cell) => cell.InlineString!.Text!.Text;

    public static string EntryText(string xlsxPath, string entryName)
    {
        using var zip = ZipFile.OpenRead(xlsxPath);
        using var reader = new StreamReader(zip.GetEntry(entryName)!.Open());
        return reader.ReadToEnd();
    }
}
