using Microsoft.Data.Sqlite;

namespace PartnerOffice.Tests.Support;

/// <summary>
/// A comparable description of a SQLite schema: tables with their columns, and indexes with their columns.
/// Used to prove that the migrations build the same schema as the EF Core model.
/// </summary>
public static class SqliteSchema
{
    public static IReadOnlyList<string> Describe(string connectionString, params string[] ignoredTables)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var lines = new List<string>();
        foreach (var table in Query(connection, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%' ORDER BY name"))
        {
            if (ignoredTables.Contains(table)) continue;
            foreach (var column in Query(connection, $"SELECT name || ' ' || upper(type) || (CASE WHEN \"notnull\" THEN ' NOT NULL' ELSE '' END) || (CASE WHEN pk > 0 THEN ' PK' ELSE '' END) FROM pragma_table_info('{table}') ORDER BY name"))
                lines.Add($"{table}.{column}");
            foreach (var fk in Query(connection, $"SELECT \"from\" || ' -> ' || \"table\" || '.' || \"to\" || ' ' || on_delete FROM pragma_foreign_key_list('{table}') ORDER BY \"from\""))
                lines.Add($"{table} FK {fk}");
            foreach (var index in Query(connection, $"SELECT name || (CASE WHEN \"unique\" THEN ' UNIQUE' ELSE '' END) FROM pragma_index_list('{table}') WHERE origin = 'c' ORDER BY name"))
            {
                var name = index.Split(' ')[0];
                var columns = string.Join(",", Query(connection, $"SELECT name FROM pragma_index_info('{name}') ORDER BY seqno"));
                var filter = Query(connection, $"SELECT COALESCE(substr(sql, instr(sql, ' WHERE ')), '') FROM sqlite_master WHERE type = 'index' AND name = '{name}'").SingleOrDefault();
                lines.Add($"{table} INDEX {index} ({columns}){filter}");
            }
        }
        return lines;
    }

    private static List<string> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }
}
