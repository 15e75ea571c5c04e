using Microsoft.EntityFrameworkCore;
using PartnerOffice.Jobs.Monitoring;

namespace PartnerOffice.Jobs.Repository;

/// <summary>Worker nodes and the queue's health figures for the admin dashboard.</summary>
public sealed partial class JobRepository
{
    /// <summary>Stores a node's heartbeat; the first one adds the node.</summary>
    internal async Task RecordNodeAsync(string id, int workers, DateTime startedAt, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = CreateContext();
        if (await db.JobNodes.Where(n => n.Id == id).ExecuteUpdateAsync(s => s.SetProperty(n => n.SeenAt, now).SetProperty(n => n.Workers, workers),
                cancellationToken) == 0)
        {
            db.JobNodes.Add(new JobNode { Id = id, Workers = workers, StartedAt = startedAt, SeenAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }
        // Nodes gone for a day are forgotten; the recently gone stay a while for the record but are not shown.
        var forgotten = now.AddDays(-1);
        await db.JobNodes.Where(n => n.SeenAt < forgotten).ExecuteDeleteAsync(cancellationToken);
    }

    internal async Task RemoveNodeAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        await db.JobNodes.Where(n => n.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// The queue's health now. Nodes count as live when seen within <paramref name="nodeTimeout"/>; the hourly outcomes
    /// and the slowest jobs cover the 24 hours up to now, the current hour last.
    /// </summary>
    public async Task<QueueHealth> QueueHealthAsync(TimeSpan nodeTimeout, int slowest, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var since = now.AddHours(-24);
        await using var db = CreateContext();
        var queuedExecutions = db.JobExecutions.Where(e => e.Status == JobStatus.Queued);
        var queued = await queuedExecutions.CountAsync(cancellationToken);
        var oldestQueued = await queuedExecutions.MinAsync(e => (DateTime?)e.CreatedAt, cancellationToken);
        var owners = await db.JobExecutions.Where(e => e.Status == JobStatus.Running || e.Status == JobStatus.Stopping)
            .Select(e => e.LeaseOwner).ToListAsync(cancellationToken);
        var liveSince = now - nodeTimeout;
        var nodes = await db.JobNodes.AsNoTracking().Where(n => n.SeenAt >= liveSince).OrderBy(n => n.StartedAt).ToListAsync(cancellationToken);
        // A worker's lease owner is "<node id>#<claim>".
        var busy = owners.Where(o => o is not null).GroupBy(o => o!.Split('#')[0]).ToDictionary(g => g.Key, g => g.Count());

        var ended = await db.JobExecutions.AsNoTracking()
            .Where(e => e.EndedAt >= since && (e.Status == JobStatus.Completed || e.Status == JobStatus.Failed))
            .Select(e => new { e.Id, e.JobName, e.Status, e.StartedAt, EndedAt = e.EndedAt!.Value }).ToListAsync(cancellationToken);
        var firstHour = Hour(now).AddHours(-23);
        var byHour = ended.ToLookup(e => Hour(e.EndedAt));
        var lastDay = Enumerable.Range(0, 24).Select(h => firstHour.AddHours(h))
            .Select(hour => new HourlyOutcome(hour, byHour[hour].Count(e => e.Status == JobStatus.Completed), byHour[hour].Count(e => e.Status == JobStatus.Failed)))
            .ToList();
        var slow = ended.Where(e => e.Status == JobStatus.Completed && e.StartedAt is not null)
            .GroupBy(e => e.JobName)
            .Select(g =>
            {
                var longest = g.MaxBy(e => e.EndedAt - e.StartedAt!.Value)!;
                return new SlowJob(g.Key, g.Count(), TimeSpan.FromTicks((long)g.Average(e => (e.EndedAt - e.StartedAt!.Value).Ticks)),
                    longest.EndedAt - longest.StartedAt!.Value, longest.Id);
            })
            .OrderByDescending(j => j.Average).Take(slowest).ToList();

        return new QueueHealth(now, queued, owners.Count, oldestQueued,
            nodes.Select(n => new NodeLoad(n.Id, n.Workers, busy.GetValueOrDefault(n.Id), n.StartedAt, n.SeenAt)).ToList(), lastDay, slow);
    }

    private static DateTime Hour(DateTime utc) => new(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
}
