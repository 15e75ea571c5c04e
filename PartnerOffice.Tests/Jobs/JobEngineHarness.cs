using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Data;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Scheduling;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Tests.JobHost;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Jobs;

/// <summary>
/// The engine on an empty database of its own (SQLite or PostgreSQL) with a manual clock: timers (polls, heartbeats, backoffs) only fire
/// when a test advances the clock, and workers wake on enqueue, so every test proceeds by explicit signals.
/// </summary>
public sealed class JobEngineHarness : IAsyncDisposable
{
    private readonly TempDirectory temp;
    private readonly TestDatabase? ownDatabase;
    private readonly ServiceProvider provider;
    private readonly IDisposable recording;

    private JobEngineHarness(TempDirectory temp, TestDatabase? ownDatabase, ServiceProvider provider, ManualTimeProvider clock, DatabaseConnection database)
    {
        this.temp = temp;
        this.ownDatabase = ownDatabase;
        this.provider = provider;
        Clock = clock;
        Database = database;
        recording = Events.Subscribe(Recorded.Enqueue);
    }

    public ManualTimeProvider Clock { get; }
    public DatabaseConnection Database { get; }
    public ConcurrentQueue<JobEvent> Recorded { get; } = new();
    public IServiceProvider Services => provider;
    public IJobLauncher Launcher => provider.GetRequiredService<IJobLauncher>();
    public IJobOperator Operator => provider.GetRequiredService<IJobOperator>();
    public IJobEvents Events => provider.GetRequiredService<IJobEvents>();
    public JobRepository Repository => provider.GetRequiredService<JobRepository>();
    public JobWorkerPool Pool => provider.GetRequiredService<JobWorkerPool>();
    public JobScheduler Scheduler => provider.GetRequiredService<JobScheduler>();
    public NodeChannelService Channel => provider.GetRequiredService<NodeChannelService>();
    public IScheduleOperator Schedules => provider.GetRequiredService<IScheduleOperator>();

    public string File(string name) => temp.File(name);

    /// <param name="startWorkers">False lets a test arrange the queue before any worker looks at it (<see cref="StartWorkersAsync"/>).</param>
    /// <param name="sharing">Another harness whose database and clock this one uses: a second process on the same file.</param>
    /// <param name="clock">The clock to start with (the default one starts on 2026-01-05 09:00 UTC).</param>
    /// <param name="engine">The database engine, unless <paramref name="sharing"/> gives the database.</param>
    public static async Task<JobEngineHarness> StartAsync(Action<IServiceCollection> addJobs, int workers = 2, bool inMemoryRepository = false, bool startWorkers = true,
        JobEngineHarness? sharing = null, ManualTimeProvider? clock = null, DatabaseProvider engine = DatabaseProvider.Sqlite)
    {
        var temp = new TempDirectory();
        clock = sharing?.Clock ?? clock ?? new ManualTimeProvider();
        var ownDatabase = sharing is null ? await TestDatabase.CreateAsync(engine) : null;
        var database = sharing?.Database ?? ownDatabase!.Connection;
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddJobEngine(options =>
            {
                options.Provider = database.Provider;
                options.ConnectionString = inMemoryRepository ? null : database.ConnectionString;
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
        var harness = new JobEngineHarness(temp, ownDatabase, provider, clock, database);
        await harness.Repository.MigrateAsync();
        await HostJobs.CreateTablesAsync(database);
        // On PostgreSQL the node hears the others (wake-ups, their events) before the test goes on.
        await harness.Channel.StartAsync(CancellationToken.None);
        await harness.Channel.Listening.WaitAsync(TimeSpan.FromSeconds(30));
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

    public async Task<IReadOnlyList<long>> NumberRowsAsync()
    {
        await using var connection = await Database.OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT Number FROM NumberRows ORDER BY Number";
        await using var reader = await select.ExecuteReaderAsync();
        var numbers = new List<long>();
        while (await reader.ReadAsync()) numbers.Add(reader.GetInt64(0));
        return numbers;
    }

    public async ValueTask DisposeAsync()
    {
        recording.Dispose();
        await Scheduler.StopAsync(CancellationToken.None);
        await Pool.StopAsync(CancellationToken.None);
        await Channel.StopAsync(CancellationToken.None);
        await provider.DisposeAsync();
        if (ownDatabase is not null) await ownDatabase.DisposeAsync();
        temp.Dispose();
    }
}
