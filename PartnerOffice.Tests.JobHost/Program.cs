using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Data;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Sqlite;
using PartnerOffice.Tests.JobHost;

// Usage: JobHost <database file> [delay-ms per item] [workers]
// Runs the worker pool on the database until no execution is queued, running or stopping, printing every
// job event as a line on stdout ("<Kind> <execution> <Status> <progress>") for the test to follow.
var connectionString = SqliteDatabase.ConnectionStringFor(args[0]);
var delay = TimeSpan.FromMilliseconds(args.Length > 1 ? int.Parse(args[1]) : 0);
var workers = args.Length > 2 ? int.Parse(args[2]) : 2;

var services = new ServiceCollection()
    .AddJobEngine(options =>
    {
        options.ConnectionString = connectionString;
        options.WorkerCount = workers;
        options.PollInterval = TimeSpan.FromMilliseconds(100);
        // Short, so that the test does not wait long for a killed process's lease to expire.
        options.LeaseDuration = TimeSpan.FromSeconds(1.5);
        options.HeartbeatInterval = TimeSpan.FromMilliseconds(300);
    })
    .AddHostJobs(connectionString, delay);
await using var provider = services.BuildServiceProvider();
var repository = provider.GetRequiredService<JobRepository>();
await repository.MigrateAsync();
HostJobs.CreateTables(connectionString);

using var subscription = provider.GetRequiredService<IJobEvents>().Subscribe(e =>
    Console.WriteLine($"{e.Kind} {e.ExecutionId} {e.Status} {e.ProgressCurrent}"));
var pool = provider.GetRequiredService<JobWorkerPool>();
await pool.StartAsync(CancellationToken.None);
Console.WriteLine($"Started {Environment.ProcessId}");

var active = new JobExecutionQuery { Statuses = [JobStatus.Queued, JobStatus.Running, JobStatus.Stopping], Take = 1 };
while ((await repository.QueryExecutionsAsync(active)).TotalCount > 0)
    await Task.Delay(TimeSpan.FromMilliseconds(100));

await pool.StopAsync(CancellationToken.None);
Console.WriteLine("Idle");
