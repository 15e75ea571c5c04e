using PartnerOffice.Exports.Datasets;

namespace PartnerOffice.Exports.Formats;

/// <summary>
/// A file format of exports. Writing is in two stages so partitions can run in parallel: each partition
/// appends data rows to its own part file (<see cref="OpenPart"/>), then <see cref="MergeAsync"/> writes
/// the final file from the parts in key order, adding what belongs once (header, wrapper, workbook).
/// </summary>
public abstract class ExportFormat
{
    public static readonly ExportFormat Xlsx = new XlsxFormat();
    public static readonly ExportFormat Csv = new CsvFormat();
    public static readonly ExportFormat Json = new JsonFormat();

    public static IReadOnlyList<ExportFormat> All { get; } = [Xlsx, Csv, Json];

    /// <summary>The format with this name (case-insensitive), or null.</summary>
    public static ExportFormat? Find(string? name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The name used in requests, also the file extension: <c>xlsx</c>, <c>csv</c>, <c>json</c>.</summary>
    public abstract string Name { get; }

    public abstract string ContentType { get; }

    public string FileExtension => "." + Name;

    /// <summary>Opens a partition's part file: new (truncated) or, given its last checkpoint, resumed there.</summary>
    public ExportPartWriter OpenPart(ExportLayout layout, string path, PartCheckpoint? resumeFrom = null) =>
        new(path, CreateRowEncoder(layout), resumeFrom ?? PartCheckpoint.Start, CompressesParts);

    /// <summary>Writes the final file to <paramref name="output"/> from all parts, in order. Leaves the stream open.</summary>
    public abstract Task MergeAsync(ExportLayout layout, IReadOnlyList<ExportPart> parts, Stream output, CancellationToken cancellationToken = default);

    internal abstract ExportRowEncoder CreateRowEncoder(ExportLayout layout);

    /// <summary>Whether part files hold raw deflate data (so compression runs in the parallel partitions).</summary>
    internal virtual bool CompressesParts => false;

    public override string ToString() => Name;
}
