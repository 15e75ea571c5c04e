using PartnerOffice.Exports.Datasets;

namespace PartnerOffice.Exports.Formats;

/// <summary>
/// Encodes one row in a format's part-file form. Part rows are position independent (no row numbers, no
/// leading separator that depends on what came before), so parts written in parallel can be merged.
/// </summary>
/// <remarks>
/// The row loop's methods (<see cref="ExportPartWriter.WriteRows"/>, each encoder's <see cref="Encode"/>, the readers'
/// reads and the buffer's larger writes) are compiled fully optimised at their first call; the small ones they call are
/// left unmarked, so that they are inlined into them. Tiered, a process's first export ran
/// most of its rows in unoptimised, then instrumented code before the optimised code was ready: 1.5–2.1× the time of
/// the next export of the same rows.
/// </remarks>
internal abstract class ExportRowEncoder
{
    public abstract void Encode(IExportRowReader row, Utf8Buffer output);
}
