using Microsoft.Data.Sqlite;

namespace PartnerOffice.Tests.Support;

public sealed partial class PortalHost
{
    /// <summary>Runs SQL against the portal's database on a connection of its own (to set up a fault, say).</summary>
    public void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabaseFile}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>One text value from the portal's database, read on a connection of its own.</summary>
    public string? ScalarAsString(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabaseFile}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }
}
