using System.Data.Common;
using PartnerOffice.Exports.Datasets;

namespace PartnerOffice.Tests.Support;

public partial class PortalHost
{
    /// <summary>
    /// Runs SQL against the portal's database on a connection of its own (to set up a fault, say). Tables and columns
    /// may be written bare: they are quoted as the exports quote them, so the same SQL runs on every engine.
    /// </summary>
    public void Execute(string sql) => Run(sql, command => command.ExecuteNonQuery());

    /// <summary>One text value from the portal's database, read on a connection of its own.</summary>
    public string? ScalarAsString(string sql) => Run(sql, command => command.ExecuteScalar() as string);

    /// <summary>One number from the portal's database, read on a connection of its own.</summary>
    public long ScalarAsLong(string sql) => Run(sql, command => Convert.ToInt64(command.ExecuteScalar()));

    private T Run<T>(string sql, Func<DbCommand, T> run)
    {
        using var connection = Database.OpenAsync().GetAwaiter().GetResult();
        using var command = connection.CreateCommand();
        command.CommandText = SqlNames.Quote(sql);
        return run(command);
    }
}
