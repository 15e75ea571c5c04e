namespace PartnerOffice.Exports.Formats;

/// <summary>
/// How far a part file is durably written: the rows up to the last flush, the key of the last of them
/// (null: none yet), the part file's length then (<see cref="Bytes"/>, compressed for xlsx) and its
/// content's length and CRC-32 (uncompressed; the CRC is kept only for compressed parts, 0 otherwise).
/// A restarted partition truncates its part to <see cref="Bytes"/> and reads on after <see cref="LastKey"/>.
/// </summary>
public readonly record struct PartCheckpoint(long? LastKey, long Rows, long Bytes, long ContentBytes, uint ContentCrc32)
{
    public static readonly PartCheckpoint Start = new(null, 0, 0, 0, 0);
}

/// <summary>A finished part file as the merge step takes it: only its first <see cref="Bytes"/> bytes count.</summary>
public sealed record ExportPart(string Path, long Rows, long Bytes, long ContentBytes, uint ContentCrc32);
