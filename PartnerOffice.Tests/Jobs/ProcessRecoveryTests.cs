using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Tests.JobHost;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Jobs;

/// <summary>Real processes on one database: killed mid-run, and competing for the same queue; on every engine the tests run.</summary>
public abstract class ProcessRecoveryTests(DatabaseProvider provider)
{
    [Fact]
    public async Task A_job_killed_mid_run_is_resumed_by_another_process_with_output_identical_to_an_uninterrupted_run()
    {
        using var temp = new TempDirectory();
        await using var referenceDatabase = await TestDatabase.CreateAsync(provider);
        await using var crashedDatabase = await TestDatabase.CreateAsync(provider);
        var reference = await EnqueueNumbersAsync(referenceDatabase.Connection, temp.File("reference.csv"));
        // Only the killed process needs a short lease (the next one waits for it to run out); a long one elsewhere keeps a
        // loaded machine's late heartbeat from handing a live run over.
        using (var uninterrupted = JobHostProcess.Start(referenceDatabase.Connection, delayPerItemMs: 0, leaseMs: 60_000))
            Assert.Equal(0, await uninterrupted.WaitForExitAsync());

        var crashed = await EnqueueNumbersAsync(crashedDatabase.Connection, temp.File("crashed.csv"));
        using (var first = JobHostProcess.Start(crashedDatabase.Connection, delayPerItemMs: 15))
        {
            await first.WaitForLineAsync(line => line.Split(' ') is ["Progress", _, "Running", var done] && long.Parse(done) >= 30);
            await first.KillAsync();
        }
        var afterCrash = await ExecutionAsync(crashedDatabase.Connection, crashed);
        Assert.Equal(JobStatus.Running, afterCrash.Status);
        Assert.InRange(afterCrash.ProgressCurrent, 30, 99);

        using (var second = JobHostProcess.Start(crashedDatabase.Connection, delayPerItemMs: 0, leaseMs: 60_000))
            Assert.Equal(0, await second.WaitForExitAsync());

        var resumed = await ExecutionAsync(crashedDatabase.Connection, crashed);
        Assert.Equal(JobStatus.Completed, resumed.Status);
        Assert.Equal(2, resumed.RunCount);
        Assert.Equal(100, resumed.ProgressCurrent);
        Assert.Equal(await File.ReadAllBytesAsync(temp.File("reference.csv")), await File.ReadAllBytesAsync(temp.File("crashed.csv")));
        const string rows = "SELECT Number || ',' || Square FROM NumberRows ORDER BY Number";
        Assert.Equal(await QueryAsync(referenceDatabase.Connection, rows), await QueryAsync(crashedDatabase.Connection, rows));
        Assert.Equal(100, (await QueryAsync(crashedDatabase.Connection, rows)).Count);
        Assert.Equal(JobStatus.Completed, (await ExecutionAsync(referenceDatabase.Connection, reference)).Status);
    }

    [Fact]
    public async Task Two_processes_on_one_database_run_each_queued_execution_exactly_once()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var queued = new List<long>();
        using (var repository = await PrepareAsync(database.Connection))
        {
            for (var n = 0; n < 20; n++)
                queued.Add((await repository.EnqueueAsync(new JobLaunch(HostJobs.Marker, JobParameters.Empty.With("n", n), "test", null), CancellationToken.None)).Id);
        }

        // Leases far longer than any pause of a loaded machine: a takeover here would be a lost heartbeat, not a double claim.
        using (var first = JobHostProcess.Start(database.Connection, delayPerItemMs: 100, leaseMs: 60_000))
        using (var second = JobHostProcess.Start(database.Connection, delayPerItemMs: 100, leaseMs: 60_000))
        {
            Assert.Equal(0, await first.WaitForExitAsync());
            Assert.Equal(0, await second.WaitForExitAsync());
        }

        Assert.Equal(queued.Select(id => id.ToString()), await QueryAsync(database.Connection, "SELECT ExecutionId FROM MarkerRuns ORDER BY ExecutionId"));
        foreach (var id in queued)
        {
            var execution = await ExecutionAsync(database.Connection, id);
            Assert.Equal((JobStatus.Completed, 1), (execution.Status, execution.RunCount));
        }
    }

    private static async Task<JobRepository> PrepareAsync(DatabaseConnection database)
    {
        var repository = new JobRepository(database, TimeProvider.System);
        await repository.MigrateAsync();
        await HostJobs.CreateTablesAsync(database);
        return repository;
    }

    private static async Task<long> EnqueueNumbersAsync(DatabaseConnection database, string outputFile)
    {
        using var repository = await PrepareAsync(database);
        var launch = new JobLaunch(HostJobs.Numbers, HostJobs.NumbersParameters(100, outputFile), "test", "P001");
        return (await repository.EnqueueAsync(launch, CancellationToken.None)).Id;
    }

    private static async Task<JobExecution> ExecutionAsync(DatabaseConnection database, long executionId)
    {
        using var repository = new JobRepository(database, TimeProvider.System);
        return (await repository.GetExecutionAsync(executionId))!;
    }

    private static async Task<List<string>> QueryAsync(DatabaseConnection database, string sql)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetValue(0).ToString()!);
        return values;
    }
}

public sealed class ProcessRecoveryOnSqliteTests() : ProcessRecoveryTests(DatabaseProvider.Sqlite);

public sealed class ProcessRecoveryOnPostgreSqlTests() : ProcessRecoveryTests(DatabaseProvider.PostgreSql);
