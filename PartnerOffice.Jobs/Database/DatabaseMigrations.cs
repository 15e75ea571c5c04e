using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace PartnerOffice.Jobs.Database;

/// <summary>How every context of the product brings its tables up to date at start-up.</summary>
public static class DatabaseMigrations
{
    /// <summary>
    /// Applies the pending migrations, but first refuses a database whose history holds a migration this build does
    /// not have: it was made by another version, and migrating it would fail halfway on tables that exist.
    /// </summary>
    /// <exception cref="IncompatibleDatabaseException">The history holds migrations unknown to this build.</exception>
    public static async Task MigrateOrRefuseAsync(this DatabaseFacade database, DatabaseConnection connection, CancellationToken cancellationToken = default)
    {
        var known = database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await database.GetAppliedMigrationsAsync(cancellationToken)).Where(id => !known.Contains(id)).ToList();
        if (unknown.Count > 0) throw new IncompatibleDatabaseException(connection, unknown);
        await database.MigrateAsync(cancellationToken);
    }
}

/// <summary>The database was made by another version of the product; this build cannot bring it up to date.</summary>
public sealed class IncompatibleDatabaseException(DatabaseConnection database, IReadOnlyList<string> unknownMigrations)
    : Exception($"The database {database.Describe()} was made by another version of PartnerOffice: it holds migrations this version "
        + $"does not have ({string.Join(", ", unknownMigrations)}). "
        + (database.Provider == DatabaseProvider.Sqlite
            ? "Move or delete that file, with its -wal and -shm files if they are there, and start again: a new database is created in its place."
            : "Point ConnectionStrings:PartnerOffice at an empty database, or at one this version made."))
{
    public DatabaseConnection Database { get; } = database;
    public IReadOnlyList<string> UnknownMigrations { get; } = unknownMigrations;
}
