using DocumentFormat.OpenXml.Spreadsheet;
using PartnerOffice.Exports.Datasets;
using PartnerOffice.Exports.Formats;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Exports;

/// <summary>Awkward values through every format, read back with independent parsers.</summary>
public class FormatEscapingTests
{
    private static readonly ExportLayout Layout = new("Awkward <\"test\"> 'sheet' name that is far too long", [
        new ExportColumn("id", "ID", ColumnType.Integer, 8),
        new ExportColumn("text", "Text, \"quoted\" & <b>", ColumnType.Text, 20),
        new ExportColumn("amount", "Amount", ColumnType.Money, 12),
        new ExportColumn("at", "At", ColumnType.DateTime, 20),
        new ExportColumn("day", "Day", ColumnType.Date, 12),
        new ExportColumn("note", "Note", ColumnType.Text, 10, Nullable: true),
    ]);

    private static readonly DateTime At = new(2026, 3, 1, 13, 30, 15, DateTimeKind.Utc);

    private static readonly string[] Texts =
    [
        "plain",
        "한빛상사 김민준",
        "comma, \"quote\" and\r\nnew line",
        "<tag attr=\"x\">&amp;</tag>",
        "control \u0001\u0008\u000B\u001F and tab\t",
        "literal _x0041_ and _x12_",
        "  padded  ",
        "emoji 😀 lone \uD800 end",
        "non-char \uFFFE",
        "=HYPERLINK(\"http://evil\")",
        "-12",
    ];

    private static IReadOnlyList<object?[]> Rows() =>
        Texts.Select((text, i) => new object?[] { (long)i, text, -1_234_567L * i, At.AddDays(i), At.Date, i % 2 == 0 ? null : "" }).ToList();

    [Fact]
    public async Task Csv_fields_are_quoted_as_RFC_4180_says_and_formulas_are_defused()
    {
        using var temp = new TempDirectory();
        var path = temp.File("awkward.csv");
        await ExportFiles.WriteAsync(ExportFormat.Csv, Layout, path, Rows());

        var records = ExportFiles.ReadCsv(path);

        Assert.Equal(Layout.Columns.Select(c => c.Header), records[0]);
        Assert.Equal(Texts.Length, records.Count - 1);
        for (var i = 0; i < Texts.Length; i++)
        {
            var expected = Texts[i].Replace("\uD800", "\uFFFD");
            if (expected[0] is '=' or '-') expected = "'" + expected;
            Assert.Equal([i.ToString(), expected, (-1_234_567L * i).ToString(), At.AddDays(i).ToString("yyyy-MM-dd HH:mm:ss"), "2026-03-01", ""], records[i + 1]);
        }
    }

    [Theory]
    [InlineData("=1+1", true)]
    [InlineData("@SUM(A1)", true)]
    [InlineData("+82 10", true)]
    [InlineData("\uFF1DHYPERLINK(\"http://evil\")", true)]
    [InlineData("\uFF0B1", true)]
    [InlineData("\uFF0D1", true)]
    [InlineData("\uFF20SUM(A1)", true)]
    [InlineData("  =1+1", true)]
    [InlineData("\n=1+1", true)]
    [InlineData("\r\n-1", true)]
    [InlineData("\tplain", true)]
    [InlineData("plain = text", false)]
    [InlineData("한빛상사", false)]
    [InlineData("  padded  ", false)]
    [InlineData("", false)]
    public async Task Csv_defuses_every_cell_a_spreadsheet_would_run_as_a_formula(string text, bool defused)
    {
        using var temp = new TempDirectory();
        var path = temp.File("cell.csv");
        await ExportFiles.WriteAsync(ExportFormat.Csv, Layout, path, new List<object?[]> { new object?[] { 1L, text, 0L, At, At.Date, null } });

        var cell = ExportFiles.ReadCsv(path)[1][1];

        Assert.Equal(defused ? "'" + text : text, cell);
    }

    [Fact]
    public async Task Json_is_an_array_of_typed_camel_case_objects()
    {
        using var temp = new TempDirectory();
        var path = temp.File("awkward.json");
        await ExportFiles.WriteAsync(ExportFormat.Json, Layout, path, Rows().Take(4).ToList(), [], Rows().Skip(4).ToList());

        var objects = ExportFiles.ReadJson(path);

        Assert.Equal(Texts.Length, objects.Length);
        for (var i = 0; i < Texts.Length; i++)
        {
            var o = objects[i];
            Assert.Equal(i, o.GetProperty("id").GetInt64());
            Assert.Equal(Texts[i].Replace("\uD800", "\uFFFD"), o.GetProperty("text").GetString());
            Assert.Equal(-1_234_567L * i, o.GetProperty("amount").GetInt64());
            Assert.Equal(At.AddDays(i), o.GetProperty("at").GetDateTime().ToUniversalTime());
            Assert.Equal("2026-03-01", o.GetProperty("day").GetString());
            Assert.Equal(i % 2 == 0 ? System.Text.Json.JsonValueKind.Null : System.Text.Json.JsonValueKind.String, o.GetProperty("note").ValueKind);
        }
    }

    [Fact]
    public async Task Empty_exports_are_valid_files_with_only_the_header()
    {
        using var temp = new TempDirectory();
        await ExportFiles.WriteAsync(ExportFormat.Csv, Layout, temp.File("empty.csv"), []);
        await ExportFiles.WriteAsync(ExportFormat.Json, Layout, temp.File("empty.json"));
        await ExportFiles.WriteAsync(ExportFormat.Xlsx, Layout, temp.File("empty.xlsx"), [], []);

        Assert.Single(ExportFiles.ReadCsv(temp.File("empty.csv")));
        Assert.Empty(ExportFiles.ReadJson(temp.File("empty.json")));
        ExportFiles.AssertValidXlsx(temp.File("empty.xlsx"));
        Assert.Single(Assert.Single(ExportFiles.ReadXlsx(temp.File("empty.xlsx"))).Rows);
    }

    [Fact]
    public async Task Xlsx_is_valid_with_typed_styled_cells_and_escaped_text()
    {
        using var temp = new TempDirectory();
        var path = temp.File("awkward.xlsx");
        await ExportFiles.WriteAsync(ExportFormat.Xlsx, Layout, path, Rows());

        ExportFiles.AssertValidXlsx(path);
        var (sheet, worksheet, rows) = Assert.Single(ExportFiles.ReadXlsx(path));
        Assert.Equal(31, sheet.Name!.Value!.Length);
        Assert.Equal(Texts.Length + 1, rows.Count);
        Assert.All(rows[0], header => Assert.Equal(1u, header.StyleIndex!.Value));
        Assert.Equal("Text, \"quoted\" & <b>", ExportFiles.InlineText(rows[0][1]));
        var pane = worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1d, pane.VerticalSplit!.Value);
        Assert.Equal($"A1:F{Texts.Length + 1}", worksheet.GetFirstChild<AutoFilter>()!.Reference!.Value);
        Assert.Equal(6, worksheet.Descendants<Column>().Count());

        var expectedStored = Texts.Select(t => t
            .Replace("\r", "_x000D_").Replace("\u0001", "_x0001_").Replace("\u0008", "_x0008_").Replace("\u000B", "_x000B_").Replace("\u001F", "_x001F_")
            .Replace("_x0041_", "_x005F_x0041_").Replace("\uD800", "\uFFFD").Replace("\uFFFE", "\uFFFD")).ToArray();
        for (var i = 0; i < Texts.Length; i++)
        {
            var cells = rows[i + 1];
            Assert.Equal(6, cells.Count);
            Assert.Equal(i.ToString(), cells[0].CellValue!.Text);
            Assert.Null(cells[0].DataType);
            Assert.Equal(expectedStored[i], ExportFiles.InlineText(cells[1]));
            Assert.Equal((-1_234_567L * i).ToString(), cells[2].CellValue!.Text);
            Assert.Equal(2u, cells[2].StyleIndex!.Value);
            Assert.Equal(At.AddDays(i), DateTime.FromOADate(double.Parse(cells[3].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(3u, cells[3].StyleIndex!.Value);
            Assert.Equal(At.Date.ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture), cells[4].CellValue!.Text);
            Assert.Equal(4u, cells[4].StyleIndex!.Value);
            if (i % 2 == 0) Assert.False(cells[5].HasChildren);
            else Assert.Equal("", ExportFiles.InlineText(cells[5]));
        }
        Assert.Contains("""<t xml:space="preserve">  padded  </t>""", ExportFiles.EntryText(path, "xl/worksheets/sheet1.xml"));
        var styles = ExportFiles.EntryText(path, "xl/styles.xml");
        Assert.Contains("""formatCode="yyyy-mm-dd hh:mm:ss""", styles);
        Assert.Contains("<b/>", styles);
    }

    [Fact]
    public async Task Xlsx_starts_a_new_sheet_with_its_own_header_when_one_is_full_even_inside_a_part()
    {
        using var temp = new TempDirectory();
        var path = temp.File("split.xlsx");
        var all = Enumerable.Range(0, 17).Select(i => new object?[] { (long)i, $"row {i} </row> <row>", 0L, At, At, null }).ToList();
        var format = new XlsxFormat(maxRowsPerSheet: 7);
        await ExportFiles.WriteAsync(format, Layout, path, all[..5], [], all[5..]);

        ExportFiles.AssertValidXlsx(path);
        var sheets = ExportFiles.ReadXlsx(path);
        Assert.Equal([8, 8, 4], sheets.Select(s => s.Rows.Count));
        Assert.Equal(["Awkward <\"test\"> 'sheet' name t", "Awkward <\"test\"> 'sheet' na (2)", "Awkward <\"test\"> 'sheet' na (3)"], sheets.Select(s => s.Sheet.Name!.Value));
        Assert.All(sheets, s => Assert.Equal("ID", ExportFiles.InlineText(s.Rows[0][0])));
        Assert.All(sheets, s => Assert.Single(s.Worksheet.Descendants<Pane>()));
        Assert.Equal(Enumerable.Range(0, 17).Select(i => i.ToString()), sheets.SelectMany(s => s.Rows.Skip(1)).Select(r => r[0].CellValue!.Text));
        Assert.Equal("A1:F4", sheets[2].Worksheet.GetFirstChild<AutoFilter>()!.Reference!.Value);
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(path, false);
        var filterNames = document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().ToList();
        Assert.Equal(3, filterNames.Count);
        Assert.Equal("'Awkward <\"test\"> ''sheet'' na (3)'!$A$1:$F$4", filterNames[2].Text);
        Assert.Equal(2u, filterNames[2].LocalSheetId!.Value);
    }
}
