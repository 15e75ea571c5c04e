using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using PartnerOffice.Exports.Datasets;

namespace PartnerOffice.Exports.Formats;

/// <summary>
/// A JSON array of objects, one per line, keyed by the columns' camelCase keys, with typed values
/// (numbers, ISO 8601 UTC date-times, <c>yyyy-MM-dd</c> dates, null). Each part row starts with its
/// separator (<c>,\n</c>) so parts do not depend on each other; the merge drops the very first comma.
/// </summary>
internal sealed class JsonFormat : ExportFormat
{
    public override string Name => "json";
    public override string ContentType => "application/json";

    public override async Task MergeAsync(ExportLayout layout, IReadOnlyList<ExportPart> parts, Stream output, CancellationToken cancellationToken = default)
    {
        await output.WriteAsync("["u8.ToArray(), cancellationToken);
        var first = true;
        foreach (var part in parts.Where(p => p.Rows > 0))
        {
            await PartFiles.CopyAsync(part, first ? 1 : 0, output, cancellationToken);
            first = false;
        }
        await output.WriteAsync("\n]\n"u8.ToArray(), cancellationToken);
    }

    internal override ExportRowEncoder CreateRowEncoder(ExportLayout layout) => new Encoder(layout);

    /// <summary>
    /// Writes each row straight into the part's buffer: the keys are encoded once, values are typed, text is escaped
    /// as JSON requires (quotes, backslashes, control characters) and otherwise left as the UTF-8 it is, Korean included.
    /// </summary>
    private sealed class Encoder(ExportLayout layout) : ExportRowEncoder
    {
        private static readonly SearchValues<byte> NeedEscaping = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);
        // "{"key":" for the first column, ","key":" for the others.
        private readonly byte[][] _keys = layout.Columns.Select((c, i) => Encoding.UTF8.GetBytes((i == 0 ? "{" : ",") + JsonSerializer.Serialize(c.Key) + ":")).ToArray();
        private readonly ColumnType[] _types = layout.Columns.Select(c => c.Type).ToArray();
        private readonly bool[] _nullable = layout.Columns.Select(c => c.Nullable).ToArray();

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Encode(IExportRowReader row, Utf8Buffer output)
        {
            output.Write(",\n"u8);
            for (var i = 0; i < _types.Length; i++)
            {
                output.Write(_keys[i]);
                if (_nullable[i] && row.IsNull(i))
                {
                    output.Write("null"u8);
                    continue;
                }
                switch (_types[i])
                {
                    case ColumnType.Integer or ColumnType.Money: output.WriteInt64(row.GetInt64(i)); break;
                    case ColumnType.Text: WriteString(output, row.GetUtf8(i)); break;
                    case ColumnType.DateTime:
                        output.Write((byte)'"');
                        output.WriteIsoDateTime(row.GetDateTime(i));
                        output.Write((byte)'"');
                        break;
                    case ColumnType.Date:
                        output.Write((byte)'"');
                        output.WriteDateTime(row.GetDateTime(i), withTime: false);
                        output.Write((byte)'"');
                        break;
                }
            }
            output.Write((byte)'}');
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void WriteString(Utf8Buffer output, ReadOnlySpan<byte> text)
        {
            output.Write((byte)'"');
            int next;
            while ((next = text.IndexOfAny(NeedEscaping)) >= 0)
            {
                output.Write(text[..next]);
                var b = text[next];
                switch (b)
                {
                    case (byte)'"': output.Write("\\\""u8); break;
                    case (byte)'\\': output.Write("\\\\"u8); break;
                    case (byte)'\n': output.Write("\\n"u8); break;
                    case (byte)'\r': output.Write("\\r"u8); break;
                    case (byte)'\t': output.Write("\\t"u8); break;
                    default:
                        output.Write("\\u00"u8);
                        output.Write((byte)"0123456789abcdef"[b >> 4]);
                        output.Write((byte)"0123456789abcdef"[b & 0xF]);
                        break;
                }
                text = text[(next + 1)..];
            }
            output.Write(text);
            output.Write((byte)'"');
        }
    }
}
