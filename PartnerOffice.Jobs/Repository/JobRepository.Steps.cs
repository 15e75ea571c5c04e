using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.Sqlite;

namespace PartnerOffice.Jobs.Repository;

/// <summary>Step executions and chunks: each chunk's items and checkpoint commit in one transaction.</summary>
public sealed partial class JobRepository
{
    public async Task<IReadOnlyList<StepExecution>> GetStepExecutionsAsync(long jobExecutionId, CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        return await db.StepExecutions.AsNoTracking().Where(s => s.JobExecutionId == jobExecutionId)
            .OrderBy(s => s.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Stores new step executions together (all partitions of a step exist before any of them runs), with run-log lines
    /// the run noted meanwhile (<see cref="Running.JobRun.Note"/>).
    /// </summary>
    internal async Task AddStepExecutionsAsync(IReadOnlyList<StepExecution> steps, IReadOnlyList<JobLogEntry> logLines, CancellationToken cancellationToken)
    {
        var now = Now;
        foreach (var step in steps) step.LastUpdatedAt = now;
        await using var db = CreateContext();
        db.StepExecutions.AddRange(steps);
        AddLogLines(db, logLines);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Saves a step's end (status, times, counts and, when it may, the checkpoint), with run-log lines the run noted meanwhile.</summary>
    internal async Task UpdateStepAsync(StepUpdate end, IReadOnlyList<JobLogEntry> logLines, CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        var stored = SaveStep(db, end);
        AddLogLines(db, logLines);
        await db.SaveChangesAsync(cancellationToken);
        end.Step.Id = stored.Id;
    }

    /// <summary>
    /// Puts a step's end into <paramref name="db"/>: an update of the stored row, or the row itself for a step not stored
    /// yet (then with its starting, empty checkpoint unless it completed). Returns the entity saved, whose id is the row's.
    /// </summary>
    private StepExecution SaveStep(JobRepositoryDbContext db, StepUpdate end)
    {
        var step = end.Step;
        step.LastUpdatedAt = Now;
        if (step.Id == 0)
        {
            var row = end.WithCheckpoint ? step : step.WithContext(new ExecutionContext());
            db.StepExecutions.Add(row);
            return row;
        }
        db.StepExecutions.Update(step).Property(s => s.ExecutionContext).IsModified = end.WithCheckpoint;
        return step;
    }

    /// <summary>
    /// Opens the transaction of one chunk. SQLite queues concurrent chunks for its one write lock; a server engine lets
    /// them commit side by side (partitions write disjoint rows).
    /// </summary>
    internal async Task<ChunkScope> BeginChunkAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            if (database.Provider == DatabaseProvider.Sqlite) await SqliteDatabase.RelaxSyncForChunksAsync(connection, cancellationToken);
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new ChunkScope(connection, transaction, CreateContext, time);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>One chunk's transaction: the writer writes in it, then the checkpoint commits with it.</summary>
    internal sealed class ChunkScope(DbConnection connection, DbTransaction transaction, Func<DbConnection, JobRepositoryDbContext> contextOn, TimeProvider time) : IAsyncDisposable
    {
        public Steps.ChunkTransaction Transaction { get; } = new(connection, transaction);

        /// <summary>
        /// Saves the step (counts and checkpoint), its skipped items and the job's progress, then commits. The
        /// progress update doubles as a fence: if another process has taken the execution over, nothing commits.
        /// </summary>
        public async Task CommitAsync(StepExecution step, IReadOnlyList<SkippedItem> skipped, long progress, string owner, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow().UtcDateTime;
            await using (var db = contextOn(connection))
            {
                await db.Database.UseTransactionAsync(transaction, cancellationToken);
                step.LastUpdatedAt = now;
                db.StepExecutions.Update(step);
                foreach (var item in skipped) item.StepExecutionId = step.Id;
                db.SkippedItems.AddRange(skipped);
                await db.SaveChangesAsync(cancellationToken);
                var held = await db.JobExecutions.Where(e => e.Id == step.JobExecutionId && e.LeaseOwner == owner)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.ProgressCurrent, e => e.ProgressCurrent + progress)
                        .SetProperty(e => e.LastUpdatedAt, now), cancellationToken);
                if (held == 0) throw new JobLeaseLostException(step.JobExecutionId);
            }
            await transaction.CommitAsync(cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
