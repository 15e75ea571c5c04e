namespace PartnerOffice.Jobs.Launching;

public sealed class JobEngineOptions
{
    /// <summary>The SQLite database of the job repository; null keeps job history in memory only.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Executions run at once in this process; 0 makes it enqueue-only.</summary>
    public int WorkerCount { get; set; } = Environment.ProcessorCount;

    /// <summary>How often idle workers look for work queued by other processes, and leases are checked.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a claim stays valid without a heartbeat; a dead process's executions resume after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>At most one progress event per execution per interval.</summary>
    public TimeSpan ProgressEventInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
