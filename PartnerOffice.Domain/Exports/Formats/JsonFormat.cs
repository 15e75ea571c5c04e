using System.Text.Encodings.Web;
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

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Korean text stays readable UTF-8; quotes, backslashes and control characters are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

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

    private sealed class Encoder(ExportLayout layout) : ExportRowEncoder
    {
        private readonly JsonEncodedText[] _names = layout.Columns.Select(c => JsonEncodedText.Encode(c.Key)).ToArray();
        private readonly ColumnType[] _types = layout.Columns.Select(c => c.Type).ToArray();
        private readonly bool[] _nullable = layout.Columns.Select(c => c.Nullable).ToArray();
        private readonly Utf8JsonWriter _writer = new(Stream.Null, WriterOptions);

        public override void Encode(IExportRowReader row, Utf8Buffer output)
        {
            Span<char> day = stackalloc char[10];
            output.Write(",\n"u8);
            _writer.Reset(output);
            _writer.WriteStartObject();
            for (var i = 0; i < _types.Length; i++)
            {
                if (_nullable[i] && row.IsNull(i))
                {
                    _writer.WriteNull(_names[i]);
                    continue;
                }
                switch (_types[i])
                {
                    case ColumnType.Integer or ColumnType.Money: _writer.WriteNumber(_names[i], row.GetInt64(i)); break;
                    case ColumnType.Text: _writer.WriteString(_names[i], row.GetUtf8(i)); break;
                    case ColumnType.DateTime: _writer.WriteString(_names[i], row.GetDateTime(i)); break;
                    case ColumnType.Date:
                        DateOnly.FromDateTime(row.GetDateTime(i)).TryFormat(day, out _, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                        _writer.WriteString(_names[i], day);
                        break;
                }
            }
            _writer.WriteEndObject();
            _writer.Flush();
        }
    }
}
