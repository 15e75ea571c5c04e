using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using PartnerOffice.Data.PostgreSql;
using PartnerOffice.Data.Sqlite;

namespace PartnerOffice.Exports.Datasets;

/// <summary>
/// A dataset's rows of one partner that match the filters, read with plain commands (EF Core entity
/// materialisation costs more than a whole xlsx export; see docs/benchmarks.md) in SQL every engine reads alike;
/// the rows themselves stream through the engine's fastest path (<see cref="OpenReader"/>). The caller opens the
/// connection: one per parallel partition.
/// </summary>
public sealed class DatasetQuery
{
    private readonly string _where;
    private readonly (string Name, object Value)[] _parameters;

    internal DatasetQuery(ExportDataset dataset, int partnerId, ExportFilters filters)
    {
        Dataset = dataset;
        PartnerId = partnerId;
        Filters = filters;
        (_where, _parameters) = BuildWhere(dataset, partnerId, filters);
    }

    public ExportDataset Dataset { get; }
    public int PartnerId { get; }
    public ExportFilters Filters { get; }

    public async Task<long> CountAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = Command(connection, $"SELECT COUNT(*) FROM {Dataset.FromSql} WHERE {_where}");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>The smallest and largest matching key (to split into partitions), or null when nothing matches.</summary>
    public async Task<KeyRange?> KeyBoundsAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        // Two subqueries: SQLite answers a lone MIN or MAX from the index's ends, but scans for both at once.
        await using var command = Command(connection,
            $"SELECT (SELECT MIN({Dataset.KeySql}) FROM {Dataset.FromSql} WHERE {_where}), (SELECT MAX({Dataset.KeySql}) FROM {Dataset.FromSql} WHERE {_where})");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(0)) return null;
        return new KeyRange(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Opens a reader over the matching rows with keys in <paramref name="range"/>, in key order,
    /// starting after <paramref name="resumeAfterKey"/> when a partition resumes from its checkpoint.
    /// </summary>
    public IExportRowReader OpenReader(DbConnection connection, KeyRange range, long? resumeAfterKey = null)
    {
        var remaining = range.After(resumeAfterKey);
        var where = $"{_where} AND {Dataset.KeySql} BETWEEN @first AND @last";
        (string, object)[] parameters = [.. _parameters, ("@first", remaining.First), ("@last", remaining.Last)];
        return connection switch
        {
            SqliteConnection sqlite => new SqliteExportRowReader(sqlite, $"SELECT {Dataset.SelectSql} FROM {Dataset.FromSql} WHERE {where} ORDER BY {Dataset.KeySql}", parameters),
            NpgsqlConnection postgreSql => PostgreSqlExportRowReader.Open(postgreSql, Dataset, where, parameters),
            _ => throw new NotSupportedException($"Exports do not read from {connection.GetType().Name}."),
        };
    }

    private DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in _parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static (string Where, (string, object)[] Parameters) BuildWhere(ExportDataset dataset, int partnerId, ExportFilters filters)
    {
        var where = new StringBuilder($"{dataset.PartnerSql} = @partner");
        var parameters = new List<(string, object)> { ("@partner", partnerId) };
        var available = dataset.Filters;
        // Day bounds as UTC instants: SQLite binds them in the text form EF Core stores (so they compare as text and use
        // the index), PostgreSQL as timestamps.
        if (filters.From is { } from && available.DateRange is { } fromColumn)
        {
            where.Append($" AND {SqlNames.Quote(fromColumn.SqlColumn)} >= @from");
            parameters.Add(("@from", StartOfDay(from)));
        }
        if (filters.To is { } to && available.DateRange is { } toColumn)
        {
            where.Append($" AND {SqlNames.Quote(toColumn.SqlColumn)} < @toExclusive");
            parameters.Add(("@toExclusive", StartOfDay(to.AddDays(1))));
        }
        if (filters.Status is { } status && available.Status is { } statusFilter)
        {
            where.Append($" AND {SqlNames.Quote(statusFilter.SqlColumn)} = @status");
            parameters.Add(("@status", status));
        }
        if (filters.Category is { } category && available.Category is { } categoryFilter)
        {
            where.Append($" AND {SqlNames.Quote(categoryFilter.SqlColumn)} = @category");
            parameters.Add(("@category", category));
        }
        return (where.ToString(), parameters.ToArray());
    }

    private static DateTime StartOfDay(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
