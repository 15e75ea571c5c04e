namespace PartnerOffice.Exports.Datasets;

/// <summary>
/// A forward-only cursor over exported rows, read by column index of the <see cref="ExportLayout"/>.
/// Typed getters instead of boxed values, and text as UTF-8 bytes (what the database holds and the
/// files need), so writers neither allocate nor transcode per cell.
/// </summary>
public interface IExportRowReader : IDisposable
{
    /// <summary>Moves to the next row; false at the end.</summary>
    bool Read();

    /// <summary>The current row's key: the checkpoint a restarted partition resumes after.</summary>
    long Key { get; }

    bool IsNull(int column);
    long GetInt64(int column);

    /// <summary>The text of a column as valid UTF-8, valid until the next <see cref="Read"/>.</summary>
    ReadOnlySpan<byte> GetUtf8(int column);

    DateTime GetDateTime(int column);
}
