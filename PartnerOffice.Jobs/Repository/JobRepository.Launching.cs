using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace PartnerOffice.Jobs.Repository;

/// <summary>Launching: new Queued executions, alone or in the caller's transaction.</summary>
public sealed partial class JobRepository
{
    /// <summary>Stores a new Queued execution in its own transaction.</summary>
    public async Task<JobExecution> EnqueueAsync(JobLaunch launch, CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var execution = await EnqueueAsync(db, launch, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return execution;
    }

    /// <summary>Stores a new Queued execution in the caller's open transaction on the same database file.</summary>
    public async Task<JobExecution> EnqueueAsync(JobLaunch launch, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection ?? throw new ArgumentException("The transaction has no connection.", nameof(transaction));
        await using var db = CreateContext(connection);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        return await EnqueueAsync(db, launch, cancellationToken);
    }

    private async Task<JobExecution> EnqueueAsync(JobRepositoryDbContext db, JobLaunch launch, CancellationToken cancellationToken)
    {
        var parameters = launch.Parameters;
        if (launch.Incrementer is { } incrementer)
        {
            var previous = await db.JobExecutions.Where(e => e.JobName == launch.JobName)
                .OrderByDescending(e => e.Id).Select(e => e.Parameters).FirstOrDefaultAsync(cancellationToken);
            parameters = incrementer.GetNext(previous, parameters);
        }
        var key = parameters.IdentityKey();
        var now = Now;
        var instance = await db.JobInstances.SingleOrDefaultAsync(i => i.JobName == launch.JobName && i.InstanceKey == key, cancellationToken);
        if (instance is null)
        {
            instance = new JobInstance { JobName = launch.JobName, InstanceKey = key, CreatedAt = now };
            db.JobInstances.Add(instance);
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (await db.JobExecutions.AsNoTracking().Where(e => e.JobInstanceId == instance.Id)
                     .OrderByDescending(e => e.Id).FirstOrDefaultAsync(cancellationToken) is { } last)
        {
            JobInstanceConflictException.ThrowIfRelaunchRefused(last, launch.AllowRerunWhenCompleted);
        }

        var execution = new JobExecution
        {
            JobInstanceId = instance.Id,
            JobName = launch.JobName,
            Status = JobStatus.Queued,
            Parameters = parameters,
            CreatedAt = now,
            LastUpdatedAt = now,
            RequestedBy = launch.RequestedBy,
            Tenant = launch.Tenant,
        };
        db.JobExecutions.Add(execution);
        await db.SaveChangesAsync(cancellationToken);
        await AnnounceQueuedAsync(db, cancellationToken);
        return execution;
    }
}
