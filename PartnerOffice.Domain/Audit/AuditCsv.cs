using System.Text;
using PartnerOffice.Exports.Formats;

namespace PartnerOffice.Audit;

/// <summary>
/// The audit trail as CSV (UTF-8 with a byte-order mark, so Excel reads Korean), written entry by entry. Text fields are
/// escaped as the csv export escapes them, formulas defused included: an actor's "e-mail" is whatever someone typed.
/// </summary>
public static class AuditCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static async Task WriteAsync(IAsyncEnumerable<AuditEntry> entries, Stream output, CancellationToken cancellationToken = default)
    {
        var line = new Utf8Buffer(4096);
        line.Write(Encoding.UTF8.Preamble);
        line.Write("time (UTC),action,actor,user id,partner id,target,detail,source address\r\n"u8);
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            line.WriteIsoDateTime(entry.At);
            line.Write((byte)',');
            line.WriteUtf8(entry.Action.ToString());
            line.Write((byte)',');
            Text(line, entry.Actor);
            line.Write((byte)',');
            if (entry.UserId is { } userId) line.WriteInt64(userId);
            line.Write((byte)',');
            if (entry.PartnerId is { } partnerId) line.WriteInt64(partnerId);
            line.Write((byte)',');
            Text(line, entry.Target);
            line.Write((byte)',');
            Text(line, entry.Detail);
            line.Write((byte)',');
            Text(line, entry.SourceAddress);
            line.Write("\r\n"u8);
            if (line.Length < 64 * 1024) continue;
            await output.WriteAsync(line.WrittenSpan.ToArray(), cancellationToken);
            line.Clear();
        }
        await output.WriteAsync(line.WrittenSpan.ToArray(), cancellationToken);
    }

    private static void Text(Utf8Buffer line, string? value)
    {
        if (value is not null) CsvFormat.WriteText(line, Encoding.UTF8.GetBytes(value));
    }
}
