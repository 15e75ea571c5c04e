using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.Sqlite;

namespace PartnerOffice.Tests.Support;

/// <summary>
/// An empty database for one test on the engine the test names: a file in a temp folder (SQLite), or a database of
/// its own on the run's PostgreSQL server. Suites that must pass on both take the engine as a parameter.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly TempDirectory? folder;

    private TestDatabase(DatabaseConnection connection, TempDirectory? folder)
    {
        Connection = connection;
        this.folder = folder;
    }

    public DatabaseConnection Connection { get; }

    public DatabaseProvider Provider => Connection.Provider;

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var folder = new TempDirectory();
                return new TestDatabase(DatabaseConnection.Sqlite(SqliteDatabase.ConnectionStringFor(folder.File("test.db"))), folder);
            case DatabaseProvider.PostgreSql:
                return new TestDatabase(new DatabaseConnection(provider, await PostgreSqlTestServer.CreateDatabaseAsync()), null);
            default:
                throw new NotSupportedException($"No {provider} server runs in the tests.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.PostgreSql) await PostgreSqlTestServer.DropDatabaseAsync(Connection.ConnectionString);
        folder?.Dispose();
    }
}
