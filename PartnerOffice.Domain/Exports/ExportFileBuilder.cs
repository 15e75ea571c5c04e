using PartnerOffice.Data;
using PartnerOffice.Exports.Datasets;
using PartnerOffice.Exports.Formats;
using PartnerOffice.Jobs.Sqlite;

namespace PartnerOffice.Exports;

/// <summary>What <see cref="ExportFileBuilder.BuildAsync"/> wrote.</summary>
public sealed record BuiltExport(long Rows, int Partitions);

/// <summary>
/// The export pipeline in one call, without a job engine: key bounds → key-range partitions written to
/// part files in parallel (one connection each) → merge into the output → parts deleted. For tests, the
/// benchmark and one-off runs; the export job runs the same steps with checkpoints and restarts.
/// </summary>
public static class ExportFileBuilder
{
    /// <summary>
    /// Rows per chunk: the partition's cancellation (and, in the job, checkpoint) interval. A chunk's commit costs a
    /// few milliseconds, so 10,000-row chunks spent a third of an export's time committing (docs/benchmarks.md);
    /// 50,000 rows are still only a few dozen milliseconds of work to redo after a crash.
    /// </summary>
    public const int ChunkRows = 50_000;

    public static async Task<BuiltExport> BuildAsync(DatasetQuery query, ExportFormat format, string connectionString,
        int partitions, string workDirectory, Stream output, CancellationToken cancellationToken = default)
    {
        KeyRange? bounds;
        await using (var connection = await SqliteDatabase.OpenAsync(connectionString, cancellationToken))
            bounds = await query.KeyBoundsAsync(connection, cancellationToken);
        var ranges = bounds?.Split(partitions) ?? [];
        Directory.CreateDirectory(workDirectory);
        var partPaths = ranges.Select((_, i) => Path.Combine(workDirectory, $"part-{i:D4}{format.FileExtension}.part")).ToArray();
        try
        {
            var parts = await Task.WhenAll(ranges.Select((range, i) =>
                Task.Run(() => WritePartAsync(query, format, connectionString, range, partPaths[i], cancellationToken), cancellationToken)));
            await format.MergeAsync(query.Dataset.Layout, parts, output, cancellationToken);
            return new BuiltExport(parts.Sum(p => p.Rows), parts.Length);
        }
        finally
        {
            foreach (var path in partPaths) File.Delete(path);
        }
    }

    private static async Task<ExportPart> WritePartAsync(DatasetQuery query, ExportFormat format, string connectionString, KeyRange range, string path, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteDatabase.OpenAsync(connectionString, cancellationToken);
        using var reader = query.OpenReader(connection, range);
        using var writer = format.OpenPart(query.Dataset.Layout, path);
        while (writer.WriteRows(reader, ChunkRows) > 0) cancellationToken.ThrowIfCancellationRequested();
        return writer.Complete();
    }
}
