using Microsoft.Data.Sqlite;
using PartnerOffice.Data;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Sqlite;
using PartnerOffice.Tests.JobHost;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Jobs;

/// <summary>Real processes on one database file: killed mid-run, and competing for the same queue.</summary>
public class ProcessRecoveryTests
{
    [Fact]
    public async Task A_job_killed_mid_run_is_resumed_by_another_process_with_output_identical_to_an_uninterrupted_run()
    {
        using var temp = new TempDirectory();
        var reference = await EnqueueNumbersAsync(temp.File("reference.db"), temp.File("reference.csv"));
        using (var uninterrupted = JobHostProcess.Start(temp.File("reference.db"), delayPerItemMs: 0))
            Assert.Equal(0, await uninterrupted.WaitForExitAsync());

        var crashed = await EnqueueNumbersAsync(temp.File("jobs.db"), temp.File("crashed.csv"));
        using (var first = JobHostProcess.Start(temp.File("jobs.db"), delayPerItemMs: 15))
        {
            await first.WaitForLineAsync(line => line.Split(' ') is ["Progress", _, "Running", var done] && long.Parse(done) >= 30);
            await first.KillAsync();
        }
        var afterCrash = await ExecutionAsync(temp.File("jobs.db"), crashed);
        Assert.Equal(JobStatus.Running, afterCrash.Status);
        Assert.InRange(afterCrash.ProgressCurrent, 30, 99);

        using (var second = JobHostProcess.Start(temp.File("jobs.db"), delayPerItemMs: 0))
            Assert.Equal(0, await second.WaitForExitAsync());

        var resumed = await ExecutionAsync(temp.File("jobs.db"), crashed);
        Assert.Equal(JobStatus.Completed, resumed.Status);
        Assert.Equal(2, resumed.RunCount);
        Assert.Equal(100, resumed.ProgressCurrent);
        Assert.Equal(await File.ReadAllBytesAsync(temp.File("reference.csv")), await File.ReadAllBytesAsync(temp.File("crashed.csv")));
        Assert.Equal(Query(temp.File("reference.db"), "SELECT Number || ',' || Square FROM NumberRows ORDER BY Number"),
            Query(temp.File("jobs.db"), "SELECT Number || ',' || Square FROM NumberRows ORDER BY Number"));
        Assert.Equal(JobStatus.Completed, (await ExecutionAsync(temp.File("reference.db"), reference)).Status);
    }

    [Fact]
    public async Task Two_processes_on_one_database_run_each_queued_execution_exactly_once()
    {
        using var temp = new TempDirectory();
        var database = temp.File("jobs.db");
        var queued = new List<long>();
        using (var repository = await PrepareAsync(database))
        {
            for (var n = 0; n < 20; n++)
                queued.Add((await repository.EnqueueAsync(new JobLaunch(HostJobs.Marker, JobParameters.Empty.With("n", n), "test", null), CancellationToken.None)).Id);
        }

        using (var first = JobHostProcess.Start(database, delayPerItemMs: 100))
        using (var second = JobHostProcess.Start(database, delayPerItemMs: 100))
        {
            Assert.Equal(0, await first.WaitForExitAsync());
            Assert.Equal(0, await second.WaitForExitAsync());
        }

        Assert.Equal(queued.Select(id => id.ToString()), Query(database, "SELECT ExecutionId FROM MarkerRuns ORDER BY ExecutionId"));
        foreach (var id in queued)
        {
            var execution = await ExecutionAsync(database, id);
            Assert.Equal((JobStatus.Completed, 1), (execution.Status, execution.RunCount));
        }
    }

    private static async Task<JobRepository> PrepareAsync(string databaseFile)
    {
        var connectionString = SqliteDatabase.ConnectionStringFor(databaseFile);
        var repository = new JobRepository(connectionString, TimeProvider.System);
        await repository.MigrateAsync();
        HostJobs.CreateTables(connectionString);
        return repository;
    }

    private static async Task<long> EnqueueNumbersAsync(string databaseFile, string outputFile)
    {
        using var repository = await PrepareAsync(databaseFile);
        var launch = new JobLaunch(HostJobs.Numbers, HostJobs.NumbersParameters(100, outputFile), "test", "P001");
        return (await repository.EnqueueAsync(launch, CancellationToken.None)).Id;
    }

    private static async Task<JobExecution> ExecutionAsync(string databaseFile, long executionId)
    {
        using var repository = new JobRepository(SqliteDatabase.ConnectionStringFor(databaseFile), TimeProvider.System);
        return (await repository.GetExecutionAsync(executionId))!;
    }

    private static List<string> Query(string databaseFile, string sql)
    {
        using var connection = new SqliteConnection(SqliteDatabase.ConnectionStringFor(databaseFile));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetValue(0).ToString()!);
        return values;
    }
}
