namespace PartnerOffice.Exports.Formats;

/// <summary>
/// How far a part file is durably written: the rows and bytes up to the last flush and the key of the
/// last row in them. A restarted partition truncates its part to <see cref="Bytes"/> and reads on after
/// <see cref="LastKey"/> (null: nothing written yet).
/// </summary>
public readonly record struct PartCheckpoint(long? LastKey, long Rows, long Bytes)
{
    public static readonly PartCheckpoint Start = new(null, 0, 0);
}

/// <summary>A finished part file: its rows and the length of its content, as the merge step takes them.</summary>
public sealed record ExportPart(string Path, long Rows, long Bytes);
