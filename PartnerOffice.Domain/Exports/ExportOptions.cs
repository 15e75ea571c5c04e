namespace PartnerOffice.Exports;

/// <summary>Settings under <c>PartnerOffice:Exports</c>.</summary>
public sealed class ExportOptions
{
    public const string Section = "PartnerOffice:Exports";

    /// <summary>Where part files live while an export runs (kept after a failure, so a restart resumes them).</summary>
    public string WorkDirectory { get; set; } = "";

    /// <summary>Key-range partitions written in parallel per export.</summary>
    public int Partitions { get; set; } = 2;

    /// <summary>
    /// Rows per chunk by default. A chunk's commit costs a few milliseconds, so 10,000-row chunks spent a third of an
    /// export's time committing (docs/benchmarks.md); 50,000 rows are still only a few dozen milliseconds of work to
    /// redo after a crash.
    /// </summary>
    public const int DefaultChunkRows = 50_000;

    /// <summary>Rows a partition writes per chunk: its checkpoint, progress and cancellation interval.</summary>
    public int ChunkRows { get; set; } = DefaultChunkRows;

    /// <summary>Days a finished file stays downloadable before the cleanup deletes it.</summary>
    public int RetentionDays { get; set; } = 7;

    /// <summary>The longest date range (from–to) one export may cover.</summary>
    public int MaxRangeDays { get; set; } = 366;

    /// <summary>When the cleanup deletes expired files: a Quartz cron expression (seconds first) in UTC; hourly by default.</summary>
    public string CleanupCron { get; set; } = "0 0 * * * ?";
}
