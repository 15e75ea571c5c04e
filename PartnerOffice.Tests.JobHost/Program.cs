using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Data;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Tests.JobHost;

// Usage: JobHost <provider> <connection string> [delay-ms per item] [workers] [lease-ms]
// Runs the worker pool on the database until no execution is queued, running or stopping, printing every
// job event as a line on stdout ("<Kind> <execution> <Status> <progress>") for the test to follow.
var database = new DatabaseConnection(Enum.Parse<DatabaseProvider>(args[0]), args[1]);
var delay = TimeSpan.FromMilliseconds(args.Length > 2 ? int.Parse(args[2]) : 0);
var workers = args.Length > 3 ? int.Parse(args[3]) : 2;
var lease = TimeSpan.FromMilliseconds(args.Length > 4 ? int.Parse(args[4]) : 1500);

var services = new ServiceCollection()
    .AddJobEngine(options =>
    {
        options.Provider = database.Provider;
        options.ConnectionString = database.ConnectionString;
        options.WorkerCount = workers;
        options.PollInterval = TimeSpan.FromMilliseconds(100);
        options.LeaseDuration = lease;
        options.HeartbeatInterval = lease / 5;
    })
    .AddHostJobs(database, delay);
await using var provider = services.BuildServiceProvider();
var repository = provider.GetRequiredService<JobRepository>();
await repository.MigrateAsync();
await HostJobs.CreateTablesAsync(database);

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
