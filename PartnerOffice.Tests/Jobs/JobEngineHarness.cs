using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Data;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Scheduling;
using PartnerOffice.Jobs.Sqlite;
using PartnerOffice.Tests.JobHost;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Jobs;

/// <summary>
/// The engine on a temporary database file with a manual clock: timers (polls, heartbeats, backoffs) only fire
/// when a test advances the clock, and workers wake on enqueue, so every test proceeds by explicit signals.
/// </summary>
public sealed class JobEngineHarness : IAsyncDisposable
{
    private readonly TempDirectory temp;
    private readonly ServiceProvider provider;
    private readonly IDisposable recording;

    private JobEngineHarness(TempDirectory temp, ServiceProvider provider, ManualTimeProvider clock, string connectionString)
    {
        this.temp = temp;
        this.provider = provider;
        Clock = clock;
        ConnectionString = connectionString;
        recording = Events.Subscribe(Recorded.Enqueue);
    }

    public ManualTimeProvider Clock { get; }
    public string ConnectionString { get; }
    public ConcurrentQueue<JobEvent> Recorded { get; } = new();
    public IServiceProvider Services => provider;
    public IJobLauncher Launcher => provider.GetRequiredService<IJobLauncher>();
    public IJobOperator Operator => provider.GetRequiredService<IJobOperator>();
    public IJobEvents Events => provider.GetRequiredService<IJobEvents>();
    public JobRepository Repository => provider.GetRequiredService<JobRepository>();
    public JobWorkerPool Pool => provider.GetRequiredService<JobWorkerPool>();
    public JobScheduler Scheduler => provider.GetRequiredService<JobScheduler>();
    public IScheduleOperator Schedules => provider.GetRequiredService<IScheduleOperator>();

    public string File(string name) => temp.File(name);

    /// <param name="startWorkers">False lets a test arrange the queue before any worker looks at it (<see cref="StartWorkersAsync"/>).</param>
    /// <param name="sharing">Another harness whose database and clock this one uses: a second process on the same file.</param>
    /// <param name="clock">The clock to start with (the default one starts on 2026-01-05 09:00 UTC).</param>
    public static async Task<JobEngineHarness> StartAsync(Action<IServiceCollection> addJobs, int workers = 2, bool inMemoryRepository = false, bool startWorkers = true,
        JobEngineHarness? sharing = null, ManualTimeProvider? clock = null)
    {
        var temp = new TempDirectory();
        clock = sharing?.Clock ?? clock ?? new ManualTimeProvider();
        var connectionString = sharing?.ConnectionString ?? SqliteDatabase.ConnectionStringFor(temp.File("jobs.db"));
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddJobEngine(options =>
            {
                options.ConnectionString = inMemoryRepository ? null : connectionString;
                options.WorkerCount = workers;
                // Never reached on the manual clock unless a test advances it: workers wake on enqueue.
                options.PollInterval = TimeSpan.FromHours(1);
                options.HeartbeatInterval = TimeSpan.FromHours(1);
                options.LeaseDuration = TimeSpan.FromHours(2);
                // The scheduler sleeps until the next fire time, never until a check in between.
                options.ScheduleCheckInterval = TimeSpan.FromDays(30);
            });
        addJobs(services);
        var provider = services.BuildServiceProvider();
        var harness = new JobEngineHarness(temp, provider, clock, connectionString);
        await harness.Repository.MigrateAsync();
        HostJobs.CreateTables(connectionString);
        if (startWorkers) await harness.StartWorkersAsync();
        return harness;
    }

    public Task StartWorkersAsync() => Pool.StartAsync(CancellationToken.None);

    /// <summary>Stores the declared schedules and starts the scheduler loop (tests without schedules leave it off).</summary>
    public Task StartSchedulerAsync() => Scheduler.StartAsync(CancellationToken.None);

    /// <summary>Completes when the execution reaches one of the statuses (already, or by a later event).</summary>
    public async Task<JobExecution> WaitForAsync(long executionId, params JobStatus[] statuses)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (Events.Subscribe(e =>
               {
                   if (e.ExecutionId == executionId && e.Kind == JobEventKind.StatusChanged && statuses.Contains(e.Status)) reached.TrySetResult();
               }))
        {
            if (await Repository.GetExecutionAsync(executionId) is { } current && statuses.Contains(current.Status)) return current;
            // A guard against a hung test, not a wait that makes it pass.
            await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        return (await Repository.GetExecutionAsync(executionId))!;
    }

    public async Task<JobExecution> RunAsync(string jobName, JobParameters parameters)
    {
        var execution = await Launcher.EnqueueAsync(jobName, parameters);
        return await WaitForAsync(execution.Id, JobStatus.Completed, JobStatus.Failed, JobStatus.Stopped, JobStatus.Cancelled);
    }

    public async Task<StepExecution> StepAsync(long executionId, string name) =>
        (await Repository.GetStepExecutionsAsync(executionId)).Single(s => s.Name == name);

    public IReadOnlyList<long> NumberRows()
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT Number FROM NumberRows ORDER BY Number";
        using var reader = select.ExecuteReader();
        var numbers = new List<long>();
        while (reader.Read()) numbers.Add(reader.GetInt64(0));
        return numbers;
    }

    public async ValueTask DisposeAsync()
    {
        recording.Dispose();
        await Scheduler.StopAsync(CancellationToken.None);
        await Pool.StopAsync(CancellationToken.None);
        await provider.DisposeAsync();
        temp.Dispose();
    }
}
