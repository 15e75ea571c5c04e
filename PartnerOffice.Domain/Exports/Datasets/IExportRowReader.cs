namespace PartnerOffice.Exports.Datasets;

/// <summary>
/// A forward-only cursor over exported rows, read by column index of the <see cref="ExportLayout"/>.
/// Typed getters instead of boxed values, so writers do not allocate per cell.
/// </summary>
public interface IExportRowReader
{
    /// <summary>Moves to the next row; false at the end.</summary>
    bool Read();

    /// <summary>The current row's key: the checkpoint a restarted partition resumes after.</summary>
    long Key { get; }

    bool IsNull(int column);
    long GetInt64(int column);
    string GetString(int column);
    DateTime GetDateTime(int column);
}
