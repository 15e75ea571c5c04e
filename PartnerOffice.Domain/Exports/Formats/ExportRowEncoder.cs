using PartnerOffice.Exports.Datasets;

namespace PartnerOffice.Exports.Formats;

/// <summary>
/// Encodes one row in a format's part-file form. Part rows are position independent (no row numbers, no
/// leading separator that depends on what came before), so parts written in parallel can be merged.
/// </summary>
internal abstract class ExportRowEncoder
{
    public abstract void Encode(IExportRowReader row, Utf8Buffer output);
}
