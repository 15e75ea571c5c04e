using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;

namespace PartnerOffice.Tests.JobHost;

/// <summary>The jobs the crash and multi-process tests run, and the tables they write.</summary>
public static class HostJobs
{
    public const string Numbers = "numbers";
    public const string Marker = "marker";

    public static JobParameters NumbersParameters(long count, string outputFile) =>
        JobParameters.Empty.With("count", count).With("output", outputFile);

    /// <summary>
    /// numbers: writes 1..count as "n,n²" lines to a file and as rows to NumberRows, ten per chunk.
    /// marker: records which process ran which execution in MarkerRuns.
    /// </summary>
    public static IServiceCollection AddHostJobs(this IServiceCollection services, string connectionString, TimeSpan delayPerItem) => services
        .AddJob(Numbers, job => job.Step("write", step => step
            .Chunk<NumberItem, NumberItem>(size: 10)
            .Reader(context => new NumberReader(context.Parameters.GetInt64("count")!.Value, _ => Task.Delay(delayPerItem, context.Aborted)))
            .Writer(context => new CompositeWriter<NumberItem>(
                new NumberTableWriter("NumberRows"),
                new LineFileWriter<NumberItem>(context.Parameters.GetRequiredString("output"), n => $"{n.Value},{n.Value * n.Value}")))))
        .AddJob(Marker, job => job.Step("mark", step => step.Tasklet(async (context, cancellationToken) =>
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO MarkerRuns (ExecutionId, ProcessId) VALUES ($execution, $process)";
            insert.Parameters.AddWithValue("$execution", context.JobExecution.Id);
            insert.Parameters.AddWithValue("$process", Environment.ProcessId);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            await Task.Delay(delayPerItem, cancellationToken);
        })));

    public static void CreateTables(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = """
            CREATE TABLE IF NOT EXISTS NumberRows (Number INTEGER PRIMARY KEY, Square INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS MarkerRuns (Id INTEGER PRIMARY KEY AUTOINCREMENT, ExecutionId INTEGER NOT NULL, ProcessId INTEGER NOT NULL);
            """;
        create.ExecuteNonQuery();
    }
}
