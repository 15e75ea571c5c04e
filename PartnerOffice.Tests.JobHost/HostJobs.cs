using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Database;
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
    public static IServiceCollection AddHostJobs(this IServiceCollection services, DatabaseConnection database, TimeSpan delayPerItem) => services
        .AddJob(Numbers, job => job.Step("write", step => step
            .Chunk<NumberItem, NumberItem>(size: 10)
            .Reader(context => new NumberReader(context.Parameters.GetInt64("count")!.Value, _ => Task.Delay(delayPerItem, context.Aborted)))
            .Writer(context => new CompositeWriter<NumberItem>(
                new NumberTableWriter("NumberRows"),
                new LineFileWriter<NumberItem>(context.Parameters.GetRequiredString("output"), n => $"{n.Value},{n.Value * n.Value}")))))
        .AddJob(Marker, job => job.Step("mark", step => step.Tasklet(async (context, cancellationToken) =>
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO MarkerRuns (ExecutionId, ProcessId) VALUES (@execution, @process)";
            AddParameter(insert, "@execution", context.JobExecution.Id);
            AddParameter(insert, "@process", Environment.ProcessId);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            await Task.Delay(delayPerItem, cancellationToken);
        })));

    /// <summary>The tables the jobs write, in SQL every engine of the tests reads alike.</summary>
    public static async Task CreateTablesAsync(DatabaseConnection database)
    {
        await using var connection = await database.OpenAsync();
        await using var create = connection.CreateCommand();
        create.CommandText = """
            CREATE TABLE IF NOT EXISTS NumberRows (Number BIGINT PRIMARY KEY, Square BIGINT NOT NULL);
            CREATE TABLE IF NOT EXISTS MarkerRuns (ExecutionId BIGINT NOT NULL, ProcessId INTEGER NOT NULL);
            """;
        await create.ExecuteNonQueryAsync();
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
