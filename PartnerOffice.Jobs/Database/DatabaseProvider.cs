namespace PartnerOffice.Jobs.Database;

/// <summary>The database engines the product runs on (<c>PartnerOffice:Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded file: nothing to install, one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: several portal nodes on one database.</summary>
    PostgreSql,

    /// <summary>Wired and its migrations scaffolded, but never run against a live server here.</summary>
    SqlServer,
}
