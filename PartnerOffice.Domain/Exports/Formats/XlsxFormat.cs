using System.Runtime.CompilerServices;
using System.Security;
using System.Text;
using PartnerOffice.Exports.Datasets;

namespace PartnerOffice.Exports.Formats;

/// <summary>
/// Office Open XML workbooks written as a stream: parts hold raw sheet rows (inline strings, no cell
/// references, so a row's bytes do not depend on its position); the merge zips them into sheets of at
/// most <see cref="MaxDataRowsPerSheet"/> data rows, each with a bold, frozen header row, an autofilter
/// and column widths. Numbers are numbers, money has thousands separators, dates are date serials.
/// </summary>
internal sealed class XlsxFormat(int maxRowsPerSheet = XlsxFormat.MaxDataRowsPerSheet) : ExportFormat
{
    /// <summary>Excel's 1,048,576 rows less the header row.</summary>
    public const int MaxDataRowsPerSheet = 1_048_575;

    /// <summary>Excel refuses longer cell text.</summary>
    private const int MaxCellTextLength = 32_767;

    /// <summary>Excel's limit on sheet names.</summary>
    private const int MaxSheetNameLength = 31;

    // Indexes into cellXfs of styles.xml below.
    private const int HeaderStyle = 1, MoneyStyle = 2, DateTimeStyle = 3, DateStyle = 4;

    public override string Name => "xlsx";
    public override string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    internal override ExportRowEncoder CreateRowEncoder(ExportLayout layout) => new Encoder(layout.Columns);

    internal override bool CompressesParts => true;

    public override async Task MergeAsync(ExportLayout layout, IReadOnlyList<ExportPart> parts, Stream output, CancellationToken cancellationToken = default)
    {
        var sheets = PlanSheets(layout, parts.Sum(p => p.Rows));
        var zip = new ZipPackageWriter(output);
        await zip.AddAsync("[Content_Types].xml", Encoding.UTF8.GetBytes(ContentTypesXml(sheets.Count)), cancellationToken);
        await zip.AddAsync("_rels/.rels", Encoding.UTF8.GetBytes(RootRelationshipsXml), cancellationToken);
        await zip.AddAsync("xl/workbook.xml", Encoding.UTF8.GetBytes(WorkbookXml(layout, sheets)), cancellationToken);
        await zip.AddAsync("xl/_rels/workbook.xml.rels", Encoding.UTF8.GetBytes(WorkbookRelationshipsXml(sheets.Count)), cancellationToken);
        await zip.AddAsync("xl/styles.xml", Encoding.UTF8.GetBytes(StylesXml), cancellationToken);

        await using var rows = new XlsxPartRows(parts);
        for (var s = 0; s < sheets.Count; s++)
        {
            var sheet = await zip.BeginEntryAsync($"xl/worksheets/sheet{s + 1}.xml", cancellationToken);
            await sheet.CompressAsync(SheetStart(layout, sheets[s], isFirst: s == 0), cancellationToken);
            await rows.CopyAsync(sheets[s].DataRows, sheet, cancellationToken);
            await sheet.EndAsync(Encoding.UTF8.GetBytes($"</sheetData><autoFilter ref=\"{sheets[s].Range}\"/></worksheet>"), cancellationToken);
        }
        await zip.FinishAsync(cancellationToken);
    }

    private sealed record SheetPlan(string Name, long DataRows, string Range);

    private List<SheetPlan> PlanSheets(ExportLayout layout, long totalRows)
    {
        var count = Math.Max(1, (int)((totalRows + maxRowsPerSheet - 1) / maxRowsPerSheet));
        var lastColumn = ColumnLetters(layout.Columns.Count);
        return Enumerable.Range(0, count).Select(s =>
        {
            var dataRows = Math.Min(maxRowsPerSheet, totalRows - (long)s * maxRowsPerSheet);
            var suffix = s == 0 ? "" : $" ({s + 1})";
            var title = layout.Title.Length + suffix.Length > MaxSheetNameLength ? layout.Title[..(MaxSheetNameLength - suffix.Length)] : layout.Title;
            return new SheetPlan(title + suffix, dataRows, $"A1:{lastColumn}{dataRows + 1}");
        }).ToList();
    }

    private static byte[] SheetStart(ExportLayout layout, SheetPlan sheet, bool isFirst)
    {
        var xml = new Utf8Buffer(4096);
        xml.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"""u8);
        xml.Write("\n"u8);
        xml.WriteUtf8($"""<worksheet xmlns="{MainNamespace}"><dimension ref="{sheet.Range}"/><sheetViews><sheetView{(isFirst ? " tabSelected=\"1\"" : "")} workbookViewId="0">""");
        xml.Write("""<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>"""u8);
        for (var i = 0; i < layout.Columns.Count; i++)
            xml.WriteUtf8($"""<col min="{i + 1}" max="{i + 1}" width="{layout.Columns[i].Width}" customWidth="1"/>""");
        xml.Write("</cols><sheetData><row>"u8);
        foreach (var column in layout.Columns)
        {
            xml.WriteUtf8($"""<c s="{HeaderStyle}" t="inlineStr"><is><t>""");
            XmlText.Write(xml, column.Header);
            xml.Write("</t></is></c>"u8);
        }
        xml.Write("</row>"u8);
        return xml.WrittenSpan.ToArray();
    }

    /// <summary>1 → A, 26 → Z, 27 → AA.</summary>
    internal static string ColumnLetters(int column)
    {
        var letters = "";
        for (; column > 0; column = (column - 1) / 26) letters = (char)('A' + (column - 1) % 26) + letters;
        return letters;
    }

    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Declaration = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" + "\n";
    private const string RelationshipNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static string ContentTypesXml(int sheetCount) =>
        Declaration + """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"""
        + """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"""
        + """<Default Extension="xml" ContentType="application/xml"/>"""
        + """<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"""
        + """<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"""
        + string.Concat(Enumerable.Range(1, sheetCount).Select(s =>
            $"""<Override PartName="/xl/worksheets/sheet{s}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""))
        + "</Types>";

    private const string RootRelationshipsXml =
        Declaration + $"""<Relationships xmlns="{RelationshipNamespace}"><Relationship Id="rId1" Type="{OfficeRelationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>""";

    private static string WorkbookXml(ExportLayout layout, List<SheetPlan> sheets)
    {
        var xml = new StringBuilder(Declaration);
        xml.Append($"""<workbook xmlns="{MainNamespace}" xmlns:r="{OfficeRelationships}"><bookViews><workbookView/></bookViews><sheets>""");
        for (var s = 0; s < sheets.Count; s++)
            xml.Append($"""<sheet name="{SecurityElement.Escape(sheets[s].Name)}" sheetId="{s + 1}" r:id="rId{s + 1}"/>""");
        xml.Append("</sheets><definedNames>");
        // Excel keeps an autofilter's range in this hidden name; without it Excel rebuilds it on open.
        var lastColumn = ColumnLetters(layout.Columns.Count);
        for (var s = 0; s < sheets.Count; s++)
        {
            var reference = $"'{sheets[s].Name.Replace("'", "''")}'!$A$1:${lastColumn}${sheets[s].DataRows + 1}";
            xml.Append($"""<definedName name="_xlnm._FilterDatabase" localSheetId="{s}" hidden="1">{SecurityElement.Escape(reference)}</definedName>""");
        }
        return xml.Append("</definedNames></workbook>").ToString();
    }

    private static string WorkbookRelationshipsXml(int sheetCount) =>
        Declaration + $"""<Relationships xmlns="{RelationshipNamespace}">"""
        + string.Concat(Enumerable.Range(1, sheetCount).Select(s =>
            $"""<Relationship Id="rId{s}" Type="{OfficeRelationships}/worksheet" Target="worksheets/sheet{s}.xml"/>"""))
        + $"""<Relationship Id="rId{sheetCount + 1}" Type="{OfficeRelationships}/styles" Target="styles.xml"/></Relationships>""";

    /// <summary>cellXfs: 0 default, 1 bold header, 2 money (#,##0), 3 date and time, 4 date.</summary>
    private const string StylesXml =
        Declaration + $"""<styleSheet xmlns="{MainNamespace}">"""
        + """<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>"""
        + """<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"""
        + """<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"""
        + """<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"""
        + """<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"""
        + """<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"""
        + """<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"""
        + """<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"""
        + """<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"""
        + """<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"""
        + """<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>""";

    /// <summary>Writes one <c>&lt;row&gt;</c>: cells in column order, an empty <c>&lt;c/&gt;</c> for null keeps later cells in place.</summary>
    private sealed class Encoder(IReadOnlyList<ExportColumn> columns) : ExportRowEncoder
    {
        private readonly ColumnType[] _types = columns.Select(c => c.Type).ToArray();
        private readonly bool[] _nullable = columns.Select(c => c.Nullable).ToArray();
        private static readonly byte[] NumberEnd = "</v></c>"u8.ToArray();
        private static readonly byte[] TextEnd = "</t></is></c>"u8.ToArray();

        private static readonly byte[] TextStart = """<c t="inlineStr"><is><t>"""u8.ToArray();
        private readonly byte[][] _cellStarts = columns.Select(c => CellStart(c.Type)).ToArray();

        private static byte[] CellStart(ColumnType type) => type switch
        {
            ColumnType.Text => TextStart,
            ColumnType.Money => Encoding.UTF8.GetBytes($"""<c s="{MoneyStyle}"><v>"""),
            ColumnType.DateTime => Encoding.UTF8.GetBytes($"""<c s="{DateTimeStyle}"><v>"""),
            ColumnType.Date => Encoding.UTF8.GetBytes($"""<c s="{DateStyle}"><v>"""),
            _ => "<c><v>"u8.ToArray(),
        };

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Encode(IExportRowReader row, Utf8Buffer output)
        {
            output.Write("<row>"u8);
            for (var i = 0; i < _types.Length; i++)
            {
                if (_nullable[i] && row.IsNull(i))
                {
                    output.Write("<c/>"u8);
                    continue;
                }
                switch (_types[i])
                {
                    case ColumnType.Integer or ColumnType.Money:
                        output.Write(_cellStarts[i]);
                        output.WriteInt64(row.GetInt64(i));
                        output.Write(NumberEnd);
                        break;
                    case ColumnType.DateTime or ColumnType.Date:
                        output.Write(_cellStarts[i]);
                        output.WriteDateSerial(row.GetDateTime(i));
                        output.Write(NumberEnd);
                        break;
                    case ColumnType.Text:
                        WriteText(output, row.GetUtf8(i));
                        break;
                }
            }
            output.Write("</row>"u8);
        }

        private static void WriteText(Utf8Buffer output, ReadOnlySpan<byte> text)
        {
            var value = text.Length > MaxCellTextLength ? TruncateToUtf16Length(text, MaxCellTextLength) : text;
            // Without xml:space="preserve" readers may drop leading and trailing blanks.
            output.Write(value.Length > 0 && (IsXmlSpace(value[0]) || IsXmlSpace(value[^1]))
                ? """<c t="inlineStr"><is><t xml:space="preserve">"""u8
                : TextStart);
            XmlText.Write(output, value);
            output.Write(TextEnd);
        }

        private static bool IsXmlSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

        /// <summary>The longest prefix of whole characters that is at most <paramref name="maxChars"/> UTF-16 units (Excel's measure).</summary>
        private static ReadOnlySpan<byte> TruncateToUtf16Length(ReadOnlySpan<byte> utf8, int maxChars)
        {
            var (bytes, chars) = (0, 0);
            while (bytes < utf8.Length)
            {
                System.Text.Rune.DecodeFromUtf8(utf8[bytes..], out var rune, out var consumed);
                if (chars + rune.Utf16SequenceLength > maxChars) break;
                chars += rune.Utf16SequenceLength;
                bytes += consumed;
            }
            return utf8[..bytes];
        }
    }
}
