using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using PartnerOffice.Exports.Datasets;

namespace PartnerOffice.Exports.Formats;

/// <summary>
/// RFC 4180 CSV in UTF-8 with a byte order mark (so Excel reads Korean text), CRLF line ends and a
/// header row. Parts are plain data lines, so the merge is a concatenation.
/// </summary>
internal sealed class CsvFormat : ExportFormat
{
    public override string Name => "csv";
    public override string ContentType => "text/csv; charset=utf-8";

    public override async Task MergeAsync(ExportLayout layout, IReadOnlyList<ExportPart> parts, Stream output, CancellationToken cancellationToken = default)
    {
        var header = new Utf8Buffer(1024);
        header.Write([0xEF, 0xBB, 0xBF]);
        for (var i = 0; i < layout.Columns.Count; i++)
        {
            if (i > 0) header.Write((byte)',');
            WriteText(header, Encoding.UTF8.GetBytes(layout.Columns[i].Header));
        }
        header.Write("\r\n"u8);
        await output.WriteAsync(header.WrittenSpan.ToArray(), cancellationToken);
        foreach (var part in parts) await PartFiles.CopyAsync(part, 0, output, cancellationToken);
    }

    internal override ExportRowEncoder CreateRowEncoder(ExportLayout layout) => new Encoder(layout.Columns);

    private static readonly SearchValues<byte> NeedsQuotes = SearchValues.Create(",\"\r\n"u8);

    /// <summary>Leading characters a spreadsheet skips or runs (OWASP "CSV injection"): a tab or line break first.</summary>
    private static readonly SearchValues<byte> ControlStart = SearchValues.Create("\t\r\n"u8);

    private static readonly SearchValues<byte> Blank = SearchValues.Create(" \t\r\n"u8);

    private static readonly SearchValues<byte> FormulaSign = SearchValues.Create("=+-@"u8);

    /// <summary>
    /// Whether a spreadsheet would read the text as a formula: it starts with a control character, or its first
    /// non-blank character is = + - @ or their full-width forms (＝ ＋ － ＠, which Excel also accepts; typed by
    /// Korean and Japanese keyboards).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool LooksLikeFormula(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty) return false;
        if (ControlStart.Contains(text[0])) return true;
        var first = text.IndexOfAnyExcept(Blank);
        if (first < 0) return false;
        var rest = text[first..];
        // U+FF0B, U+FF0D, U+FF1D, U+FF20 in UTF-8: EF BC 8B / 8D / 9D / A0.
        return FormulaSign.Contains(rest[0]) || (rest.Length >= 3 && rest[0] == 0xEF && rest[1] == 0xBC && rest[2] is 0x8B or 0x8D or 0x9D or 0xA0);
    }

    /// <summary>
    /// Writes one text field, quoted only when needed. Text that a spreadsheet would run as a formula
    /// gets a leading apostrophe: the data is typed by shoppers and opened by partners in Excel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void WriteText(Utf8Buffer output, ReadOnlySpan<byte> text)
    {
        var guard = LooksLikeFormula(text);
        if (text.IndexOfAny(NeedsQuotes) < 0)
        {
            if (guard) output.Write((byte)'\'');
            output.Write(text);
            return;
        }
        output.Write((byte)'"');
        if (guard) output.Write((byte)'\'');
        for (var quote = text.IndexOf((byte)'"'); quote >= 0; quote = text.IndexOf((byte)'"'))
        {
            output.Write(text[..(quote + 1)]);
            output.Write((byte)'"');
            text = text[(quote + 1)..];
        }
        output.Write(text);
        output.Write((byte)'"');
    }

    private sealed class Encoder(IReadOnlyList<ExportColumn> columns) : ExportRowEncoder
    {
        private readonly ColumnType[] _types = columns.Select(c => c.Type).ToArray();
        private readonly bool[] _nullable = columns.Select(c => c.Nullable).ToArray();

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Encode(IExportRowReader row, Utf8Buffer output)
        {
            for (var i = 0; i < _types.Length; i++)
            {
                if (i > 0) output.Write((byte)',');
                if (_nullable[i] && row.IsNull(i)) continue;
                switch (_types[i])
                {
                    case ColumnType.Integer or ColumnType.Money: output.WriteInt64(row.GetInt64(i)); break;
                    case ColumnType.Text: WriteText(output, row.GetUtf8(i)); break;
                    case ColumnType.DateTime: output.WriteDateTime(row.GetDateTime(i), withTime: true); break;
                    case ColumnType.Date: output.WriteDateTime(row.GetDateTime(i), withTime: false); break;
                }
            }
            output.Write("\r\n"u8);
        }
    }
}
