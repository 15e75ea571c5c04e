using Npgsql;
using PartnerOffice.Jobs.Repository;

namespace PartnerOffice.Jobs.PostgreSql;

/// <summary>
/// The engine's hottest statements (a claim, a move) as plain Npgsql commands: on a busy node, making an EF Core
/// context and materialising through it cost more processor time than the statement's round trip.
/// </summary>
internal static class PostgreSqlCommands
{
    /// <summary>Runs <paramref name="sql"/>, its holes as positional parameters, and reads the job executions it returns.</summary>
    public static async Task<JobExecution?> SingleExecutionAsync(string connectionString, FormattableString sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var arguments = sql.GetArguments();
        var text = string.Format(sql.Format, Enumerable.Range(1, arguments.Length).Select(n => (object)$"${n}").ToArray());
        await using var command = new NpgsqlCommand(text, connection);
        foreach (var argument in arguments)
            command.Parameters.Add(argument as NpgsqlParameter ?? new NpgsqlParameter { Value = argument ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static JobExecution Read(NpgsqlDataReader row)
    {
        string? Text(string column) => row.IsDBNull(row.GetOrdinal(column)) ? null : row.GetString(row.GetOrdinal(column));
        DateTime? Time(string column) => row.IsDBNull(row.GetOrdinal(column)) ? null : row.GetDateTime(row.GetOrdinal(column));
        long? Number(string column) => row.IsDBNull(row.GetOrdinal(column)) ? null : row.GetInt64(row.GetOrdinal(column));
        return new JobExecution
        {
            Id = Number("Id")!.Value,
            JobInstanceId = Number("JobInstanceId")!.Value,
            JobName = Text("JobName")!,
            Status = Enum.Parse<JobStatus>(Text("Status")!),
            Parameters = JobRepositoryDbContext.ParametersFromJson(Text("Parameters")!),
            ExecutionContext = ExecutionContext.FromJson(Text("ExecutionContext")),
            CreatedAt = Time("CreatedAt")!.Value,
            StartedAt = Time("StartedAt"),
            EndedAt = Time("EndedAt"),
            LastUpdatedAt = Time("LastUpdatedAt")!.Value,
            ExitDescription = Text("ExitDescription"),
            Error = Text("Error"),
            RequestedBy = Text("RequestedBy"),
            Tenant = Text("Tenant"),
            ProgressCurrent = Number("ProgressCurrent")!.Value,
            ProgressTotal = Number("ProgressTotal"),
            LeaseOwner = Text("LeaseOwner"),
            LeaseExpiresAt = Time("LeaseExpiresAt"),
            CancelRequested = row.GetBoolean(row.GetOrdinal("CancelRequested")),
            RunCount = row.GetInt32(row.GetOrdinal("RunCount")),
        };
    }
}
