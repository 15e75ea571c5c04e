using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace PartnerOffice.Jobs.PostgreSql;

/// <summary>
/// Serialises transactions that check, then insert (stored schedules against the declared ones; a duplicate check and
/// the export request it guards). SQLite needs nothing: its write transactions begin IMMEDIATE and already take turns.
/// On PostgreSQL a transaction-scoped advisory lock on (scope, id) makes a second such transaction wait for the first.
/// </summary>
public static class PostgreSqlTransactionLocks
{
    /// <summary>The engine's scope: the declared schedules of nodes starting together.</summary>
    internal const int ScheduleSync = 1;

    /// <param name="scope">What is locked: the engine's scopes are below 100, the product's from 100.</param>
    public static async Task LockAsync(DatabaseFacade database, int scope, int id, CancellationToken cancellationToken)
    {
        if (!database.IsNpgsql()) return;
        await database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({scope}, {id})", cancellationToken);
    }
}
