using System.Diagnostics;
using System.Diagnostics.Metrics;
using PartnerOffice.Jobs.Repository;

namespace PartnerOffice.Jobs.Running;

/// <summary>
/// The engine's meter, <c>PartnerOffice.Jobs</c>: executions by status now (queued, running, …), endings per job and
/// status with their durations, and per chunk its duration and the items it wrote (a rate of rows exported per second
/// for the export job). Status changes are counted where they are decided (<see cref="JobStateMachine"/>), chunks
/// where they commit.
/// </summary>
internal sealed class JobMetrics
{
    public const string MeterName = "PartnerOffice.Jobs";
    private static readonly TimeSpan CountsFreshFor = TimeSpan.FromSeconds(5);
    private readonly Counter<long> endings;
    private readonly Histogram<double> executionSeconds;
    private readonly Histogram<double> chunkSeconds;
    private readonly Counter<long> progress;
    private readonly JobRepository repository;
    private readonly TimeProvider time;
    private readonly Lock countsGate = new();
    private (DateTimeOffset At, IReadOnlyDictionary<JobStatus, int> ByStatus)? counts;

    public JobMetrics(IMeterFactory meters, JobRepository repository, TimeProvider time)
    {
        (this.repository, this.time) = (repository, time);
        var meter = meters.Create(MeterName);
        endings = meter.CreateCounter<long>("partneroffice.jobs.executions.ended", "{execution}", "Executions that ended, by job and status.");
        executionSeconds = meter.CreateHistogram("partneroffice.jobs.execution.duration", "s", "From an execution's first start to its end.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900, 1800, 3600] });
        chunkSeconds = meter.CreateHistogram("partneroffice.jobs.chunk.duration", "s", "Reading, processing, writing and committing one chunk.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        progress = meter.CreateCounter<long>("partneroffice.jobs.progress", "{unit}",
            "Work committed by chunks, in the job's own units of progress (rows, for the export job): its rate is rows per second.");
        meter.CreateObservableGauge("partneroffice.jobs.executions", ObserveCounts, "{execution}", "Executions in each status now, in this database.");
    }

    public void Moved(JobExecution execution, JobStatus to)
    {
        if (to.IsActive()) return;
        var tags = new TagList { { "job", execution.JobName }, { "status", to.ToString() } };
        endings.Add(1, tags);
        if (execution is { StartedAt: { } started, EndedAt: { } ended }) executionSeconds.Record((ended - started).TotalSeconds, tags);
    }

    public void ChunkCommitted(string job, string step, long done, TimeSpan elapsed)
    {
        var tags = new TagList { { "job", job }, { "step", step } };
        chunkSeconds.Record(elapsed.TotalSeconds, tags);
        progress.Add(done, tags);
    }

    /// <summary>Counts read at most every few seconds, however often the metrics are scraped.</summary>
    private IEnumerable<Measurement<int>> ObserveCounts()
    {
        IReadOnlyDictionary<JobStatus, int> byStatus;
        lock (countsGate)
        {
            var now = time.GetUtcNow();
            if (counts is not { } fresh || now - fresh.At > CountsFreshFor)
                counts = fresh = (now, repository.CountByStatusAsync(CancellationToken.None).GetAwaiter().GetResult());
            byStatus = fresh.ByStatus;
        }
        return Enum.GetValues<JobStatus>().Select(s => new Measurement<int>(byStatus.GetValueOrDefault(s), new KeyValuePair<string, object?>("status", s.ToString())));
    }
}
