using Npgsql;

namespace PartnerOffice.Tests.Support;

/// <summary>
/// A comparable description of a PostgreSQL database's indexes and constraints, by name with their full definitions:
/// used to prove that the demo seeder, which drops some of them for its load, leaves them as the migrations made them.
/// </summary>
public static class PostgreSqlSchema
{
    public static async Task<IReadOnlyList<string>> DescribeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT format('%s INDEX %s: %s', i.indrelid::regclass, c.relname, pg_get_indexdef(i.indexrelid))
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace = 'public'::regnamespace
            UNION ALL
            SELECT format('%s CONSTRAINT %s: %s%s', conrelid::regclass, conname, pg_get_constraintdef(oid), CASE WHEN convalidated THEN '' ELSE ' NOT VALID' END)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            ORDER BY 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return lines;
    }
}
