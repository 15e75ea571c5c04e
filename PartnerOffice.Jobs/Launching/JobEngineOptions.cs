using PartnerOffice.Jobs.Database;

namespace PartnerOffice.Jobs.Launching;

public sealed class JobEngineOptions
{
    /// <summary>The database of the job repository; null keeps job history in memory only.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The engine <see cref="ConnectionString"/> points at.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Executions run at once in this process; 0 makes it enqueue-only.</summary>
    public int WorkerCount { get; set; } = Environment.ProcessorCount;

    /// <summary>How often idle workers look for work queued by other processes, and leases are checked.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The run log lines an execution keeps: its newest ones.</summary>
    public int RunLogLines { get; set; } = 1000;

    /// <summary>How long a claim stays valid without a heartbeat; a dead process's executions resume after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A tasklet step is stored when it ends, or as Running once it has run this long: most end sooner, and cost one
    /// write instead of two; a long one still shows on the execution's page while it runs.
    /// </summary>
    public TimeSpan TaskletShownAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>At most one progress event per execution per interval.</summary>
    public TimeSpan ProgressEventInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A schedule reached later than this after its fire time has misfired (its <c>MisfirePolicy</c> decides).</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest the scheduler sleeps: it wakes at the next fire it knows of, or at once when this process changes a
    /// schedule, and after this to see schedules another process resumed (or a launch that failed, to retry it).
    /// </summary>
    public TimeSpan ScheduleCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
