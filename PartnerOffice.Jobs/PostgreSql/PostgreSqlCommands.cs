using System.Collections.Concurrent;
using Npgsql;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.Repository;

namespace PartnerOffice.Jobs.PostgreSql;

/// <summary>
/// The engine's hottest statements (a claim, a move) as plain Npgsql commands: on a busy node, making an EF Core
/// context and materialising through it cost more processor time than the statement's round trip.
/// </summary>
internal static class PostgreSqlCommands
{
    // The statements are few and fixed; only their parameters change from call to call.
    private static readonly ConcurrentDictionary<string, string> CommandTexts = new();

    /// <summary>Runs <paramref name="sql"/>, its holes as positional parameters, and reads the job execution it returns.</summary>
    public static async Task<JobExecution?> SingleExecutionAsync(DatabaseConnection database, FormattableString sql, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var arguments = sql.GetArguments();
        var text = CommandTexts.GetOrAdd(sql.Format, format =>
            string.Format(format, Enumerable.Range(1, arguments.Length).Select(n => (object)$"${n}").ToArray()));
        await using var command = new NpgsqlCommand(text, (NpgsqlConnection)connection);
        foreach (var argument in arguments)
            command.Parameters.Add(argument as NpgsqlParameter ?? new NpgsqlParameter { Value = argument ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static JobExecution Read(NpgsqlDataReader row)
    {
        T? Get<T>(string column)
        {
            var at = row.GetOrdinal(column);
            return row.IsDBNull(at) ? default : row.GetFieldValue<T>(at);
        }
        return new JobExecution
        {
            Id = Get<long>("Id"),
            JobInstanceId = Get<long>("JobInstanceId"),
            JobName = Get<string>("JobName")!,
            Status = Enum.Parse<JobStatus>(Get<string>("Status")!),
            Parameters = JobRepositoryDbContext.ParametersFromJson(Get<string>("Parameters")!),
            ExecutionContext = ExecutionContext.FromJson(Get<string>("ExecutionContext")),
            CreatedAt = Get<DateTime>("CreatedAt"),
            StartedAt = Get<DateTime?>("StartedAt"),
            EndedAt = Get<DateTime?>("EndedAt"),
            LastUpdatedAt = Get<DateTime>("LastUpdatedAt"),
            ExitDescription = Get<string>("ExitDescription"),
            Error = Get<string>("Error"),
            RequestedBy = Get<string>("RequestedBy"),
            Tenant = Get<string>("Tenant"),
            ProgressCurrent = Get<long>("ProgressCurrent"),
            ProgressTotal = Get<long?>("ProgressTotal"),
            LeaseOwner = Get<string>("LeaseOwner"),
            LeaseExpiresAt = Get<DateTime?>("LeaseExpiresAt"),
            CancelRequested = Get<bool>("CancelRequested"),
            RunCount = Get<int>("RunCount"),
        };
    }
}
