using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerOffice.Data;
using PartnerOffice.Exports.Datasets;
using PartnerOffice.Exports.Formats;
using PartnerOffice.Exports.Storage;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.Steps;
using ExecutionContext = PartnerOffice.Jobs.ExecutionContext;

namespace PartnerOffice.Exports;

/// <summary>
/// The export as a job: start (count) → key-range partitions written to part files in parallel, each
/// checkpointing every chunk → merge into one file → file store → history. A restart resumes unfinished
/// partitions from their checkpoints; the part files stay in the work directory until the export ends.
/// </summary>
public static class ExportJob
{
    public const string Name = "export";
    public const string ExportIdParameter = "exportId";
    private const string WriteStep = "write-parts";

    public static void Define(JobBuilder job) => job
        .RequireParameters(ExportIdParameter)
        .Step("start", s => s.Tasklet(StartAsync))
        .Step(WriteStep, s => s
            .Partition(ctx => new KeyRangePartitioner(KeyBoundsAsync, ctx.Services.GetRequiredService<IOptions<ExportOptions>>().Value.Partitions))
            .MaxParallelism(Math.Max(1, Environment.ProcessorCount))
            .Worker(w => w.Chunk<PartBlock, PartBlock>(1).ReaderWriter(ctx => new ExportPartitionWorker(ctx))))
        .Step("merge", s => s.Tasklet(MergeAsync))
        .BeforeJob(MirrorStatusAsync)
        .AfterJob(MirrorStatusAsync);

    private static async Task StartAsync(StepContext ctx, CancellationToken cancellationToken)
    {
        var export = await ExportRun.ForAsync(ctx.Services, ctx.JobExecution, cancellationToken);
        await using var connection = await export.OpenConnectionAsync(cancellationToken);
        var total = await export.Query.CountAsync(connection, cancellationToken);
        await ctx.SetProgressTotalAsync(total, cancellationToken);
        await export.UpdateAsync(q => q.SetProperty(e => e.RowsTotal, total).SetProperty(e => e.RowsProcessed, 0), cancellationToken);
    }

    private static async Task<(long Min, long Max)?> KeyBoundsAsync(StepContext ctx, CancellationToken cancellationToken)
    {
        var export = await ExportRun.ForAsync(ctx.Services, ctx.JobExecution, cancellationToken);
        await using var connection = await export.OpenConnectionAsync(cancellationToken);
        return await export.Query.KeyBoundsAsync(connection, cancellationToken) is { } bounds ? (bounds.First, bounds.Last) : null;
    }

    private static async Task MergeAsync(StepContext ctx, CancellationToken cancellationToken)
    {
        var export = await ExportRun.ForAsync(ctx.Services, ctx.JobExecution, cancellationToken);
        var details = await ctx.Services.GetRequiredService<IJobOperator>().GetAsync(ctx.JobExecution.Id, cancellationToken)
            ?? throw new InvalidOperationException($"Execution {ctx.JobExecution.Id} is gone.");
        var parts = details.Steps.Where(s => s.StepName == WriteStep && s.PartitionName is not null)
            .OrderBy(s => s.PartitionName!.Length).ThenBy(s => s.PartitionName, StringComparer.Ordinal)
            .Select(s => export.PartFrom(s.PartitionName!, s.ExecutionContext))
            .Where(p => p is not null).Select(p => p!).ToList();

        // No partition wrote a part when no row matched: the merged file (just the header) still needs its folder.
        Directory.CreateDirectory(export.WorkDirectory);
        var merged = Path.Combine(export.WorkDirectory, "merged" + export.Format.FileExtension);
        await using (var output = new FileStream(merged, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous))
            await export.Format.MergeAsync(export.Query.Dataset.Layout, parts, output, cancellationToken);
        var size = new FileInfo(merged).Length;
        var key = $"exports/{export.Request.PartnerId}/{export.Request.Id}{export.Format.FileExtension}";
        await ctx.Services.GetRequiredService<IFileStore>().MoveFileInAsync(key, merged, export.Format.ContentType, cancellationToken);

        // The file's facts; the status (Completed, with its expiry) follows when the execution ends.
        var rows = parts.Sum(p => p.Rows);
        var fileName = $"{export.Query.Dataset.Name}-{export.Request.CreatedAt:yyyyMMdd-HHmmss}-{export.Request.Id}{export.Format.FileExtension}";
        await export.UpdateAsync(q => q.SetProperty(e => e.RowCount, rows).SetProperty(e => e.RowsProcessed, rows)
            .SetProperty(e => e.SizeBytes, size).SetProperty(e => e.FileKey, key).SetProperty(e => e.FileName, fileName), cancellationToken);
    }

    /// <summary>
    /// The export status an execution's status puts the export in; null for the execution's passing states (queued,
    /// stopping), in which the export keeps the status it has.
    /// </summary>
    private static ExportStatus? StatusOf(JobStatus status) => status switch
    {
        JobStatus.Running => ExportStatus.Running,
        JobStatus.Completed => ExportStatus.Completed,
        JobStatus.Cancelled or JobStatus.Abandoned => ExportStatus.Cancelled,
        JobStatus.Failed => ExportStatus.Failed,
        // Not a failure: an operator held it on purpose, and a restart resumes it from its last chunk.
        JobStatus.Stopped => ExportStatus.Stopped,
        _ => null,
    };

    /// <summary>
    /// The one place the job writes the export's status: before each run (the first, and a restart, show it running
    /// again) and when the execution ends, mirroring the execution's. Parts are kept only where a restart may use
    /// them: not once it completed or was cancelled, and not when they filled the disk (the space is worth more than
    /// the restart).
    /// </summary>
    private static async Task MirrorStatusAsync(JobRunContext ctx, CancellationToken cancellationToken)
    {
        if (StatusOf(ctx.Execution.Status) is not { } status) return;
        var export = await ExportRun.ForAsync(ctx.Services, ctx.Execution, cancellationToken);
        var failure = status == ExportStatus.Failed ? ExportFailures.Classify(ctx.Failures) : (ExportFailure?)null;
        // First, so that a full disk has room again for the status update.
        if (status is ExportStatus.Completed or ExportStatus.Cancelled || failure == ExportFailure.DiskFull)
            if (Directory.Exists(export.WorkDirectory)) Directory.Delete(export.WorkDirectory, recursive: true);
        var started = ctx.Execution.StartedAt;
        var ended = ctx.Execution.EndedAt;
        await export.UpdateAsync(q =>
        {
            q.SetProperty(e => e.Status, status).SetProperty(e => e.Failure, failure).SetProperty(e => e.StartedAt, e => e.StartedAt ?? started);
            if (status == ExportStatus.Completed) q.SetProperty(e => e.CompletedAt, ended).SetProperty(e => e.ExpiresAt, ended?.AddDays(export.Options.RetentionDays));
        }, cancellationToken);
    }

    /// <summary>A block of rows already streamed from the database into the part file; a chunk commits one block's checkpoint.</summary>
    internal sealed record PartBlock(long Rows);

    /// <summary>
    /// One partition: reads its key range and appends to its part file. It is reader, writer and item stream in one,
    /// because reading and writing are one streaming pass. The pass happens in <see cref="ReadAsync"/>, outside the
    /// chunk's transaction: SQLite has one writer at a time, and a transaction held while rows stream would make the
    /// partitions take turns. The transaction then only commits the part's checkpoint with the export's row count;
    /// bytes appended after the last committed checkpoint are cut off on a restart.
    /// </summary>
    private sealed class ExportPartitionWorker(StepContext step) : IItemReader<PartBlock>, IItemWriter<PartBlock>, IItemStream
    {
        private const string CheckpointKey = "export.part";
        private ExportRun? _export;
        private DbConnection? _connection;
        private IExportRowReader? _rows;
        private ExportPartWriter? _writer;
        private bool _exhausted;

        public async Task OpenAsync(ExecutionContext context, CancellationToken cancellationToken)
        {
            var export = _export = await ExportRun.ForAsync(step.Services, step.JobExecution, cancellationToken);
            var range = new KeyRange(context.Get<long>(KeyRangePartitioner.MinKey), context.Get<long>(KeyRangePartitioner.MaxKey));
            var checkpoint = context.Contains(CheckpointKey) ? context.Get<PartCheckpoint>(CheckpointKey) : (PartCheckpoint?)null;
            var partPath = export.PartPath(step.PartitionName!);
            if (checkpoint is not null && !File.Exists(partPath))
                throw new InvalidOperationException($"Export {export.Request.Id} cannot resume: its part files were removed to free disk space. Request the export again.");
            Directory.CreateDirectory(Path.GetDirectoryName(partPath)!);
            _connection = await export.OpenConnectionAsync(cancellationToken);
            _writer = export.Format.OpenPart(export.Query.Dataset.Layout, partPath, checkpoint);
            _rows = export.Query.OpenReader(_connection, range, checkpoint?.LastKey);
        }

        public Task<PartBlock?> ReadAsync(CancellationToken cancellationToken)
        {
            if (_exhausted) return Task.FromResult<PartBlock?>(null);
            var chunkRows = _export!.Options.ChunkRows;
            var written = _writer!.WriteRows(_rows!, chunkRows);
            // A short block ends the partition; an empty one still commits, so every part has a checkpoint to merge.
            _exhausted = written < chunkRows;
            return Task.FromResult<PartBlock?>(new PartBlock(written));
        }

        public async Task WriteAsync(Chunk<PartBlock> chunk, CancellationToken cancellationToken)
        {
            var written = chunk.Items.Sum(b => b.Rows);
            chunk.Progress = written;
            await using var db = await chunk.Transaction.EnlistAsync(await _export!.DbFactory.CreateDbContextAsync(cancellationToken), cancellationToken);
            await db.ExportRequests.Where(e => e.Id == _export.Request.Id)
                .ExecuteUpdateAsync(q => q.SetProperty(e => e.RowsProcessed, e => e.RowsProcessed + written), cancellationToken);
        }

        public Task UpdateAsync(ExecutionContext context, CancellationToken cancellationToken)
        {
            context.Put(CheckpointKey, _writer!.Flush());
            return Task.CompletedTask;
        }

        public async Task CloseAsync(CancellationToken cancellationToken)
        {
            _rows?.Dispose();
            _writer?.Dispose();
            if (_connection is not null) await _connection.DisposeAsync();
        }

        internal static ExportPart? PartFrom(string path, ExecutionContext context) =>
            context.Contains(CheckpointKey) && context.Get<PartCheckpoint>(CheckpointKey) is var c
                ? new ExportPart(path, c.Rows, c.Bytes, c.ContentBytes, c.ContentCrc32)
                : null;
    }

    /// <summary>
    /// The export of the run in whose service scope it is asked for: the engine gives each run a scope of its own, so
    /// the export is loaded once per run and shared by its steps and partitions.
    /// </summary>
    internal sealed class LoadedExport(IServiceProvider services)
    {
        private readonly Lock gate = new();
        private Task<ExportRun>? loading;

        public Task<ExportRun> GetAsync(JobExecution execution, CancellationToken cancellationToken)
        {
            lock (gate) return loading ??= ExportRun.LoadAsync(services, execution.Parameters, cancellationToken);
        }
    }

    /// <summary>The stored export a job execution works on, with what every step needs to reach it.</summary>
    internal sealed record ExportRun(ExportRequest Request, DatasetQuery Query, ExportFormat Format, ExportOptions Options,
        IDbContextFactory<PartnerOfficeDbContext> DbFactory, DatabaseConnection Database)
    {
        public string WorkDirectory => Path.Combine(Options.WorkDirectory, $"export-{Request.Id}");

        public string PartPath(string partition) => Path.Combine(WorkDirectory, $"{partition}{Format.FileExtension}.part");

        public ExportPart? PartFrom(string partition, ExecutionContext context) => ExportPartitionWorker.PartFrom(PartPath(partition), context);

        /// <summary>The export of a running execution, loaded once per run: every step and partition shares it.</summary>
        public static Task<ExportRun> ForAsync(IServiceProvider services, JobExecution execution, CancellationToken cancellationToken) =>
            services.GetRequiredService<LoadedExport>().GetAsync(execution, cancellationToken);

        public static async Task<ExportRun> LoadAsync(IServiceProvider services, JobParameters parameters, CancellationToken cancellationToken)
        {
            var id = parameters.GetInt64(ExportIdParameter) ?? throw new InvalidOperationException("An export job needs an exportId.");
            var dbFactory = services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var request = await db.ExportRequests.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
                ?? throw new InvalidOperationException($"Export {id} no longer exists.");
            var spec = ExportService.Revalidate(request);
            return new ExportRun(request, spec.Dataset.Query(request.PartnerId, spec.Filters), spec.Format,
                services.GetRequiredService<IOptions<ExportOptions>>().Value, dbFactory, DatabaseConnection.Of(db.Database).ForBulkReads());
        }

        public Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) => Database.OpenAsync(cancellationToken);

        public async Task UpdateAsync(Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ExportRequest>> set,
            CancellationToken cancellationToken)
        {
            await using var db = await DbFactory.CreateDbContextAsync(cancellationToken);
            await db.ExportRequests.Where(e => e.Id == Request.Id).ExecuteUpdateAsync(set, cancellationToken);
        }
    }
}
