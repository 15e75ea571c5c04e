namespace PartnerOffice.Data.PostgreSql;

/// <summary>
/// PostgreSQL's binary COPY format, as far as the demo seeder writes it and the export reader reads it: an 11-byte
/// signature, a 32-bit flags field and a 32-bit header extension length (then the extension); each row a 16-bit field
/// count, then each field as a 32-bit length (-1: null) and that many bytes; a field count of -1 ends the data. Numbers
/// are big-endian, a timestamptz is microseconds since <see cref="EpochTicks"/> in UTC.
/// </summary>
internal static class BinaryCopyFormat
{
    /// <summary>"PGCOPY", a line feed, 0xFF, a carriage return, a line feed and a zero byte.</summary>
    public static ReadOnlySpan<byte> Signature => [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00];

    public static readonly long EpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
}
