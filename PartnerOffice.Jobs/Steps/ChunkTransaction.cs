using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace PartnerOffice.Jobs.Steps;

/// <summary>
/// The open connection and transaction of one chunk. The step's checkpoint is committed in it, so a writer
/// that writes to the same database through it commits its items and the reader's position atomically.
/// </summary>
public sealed class ChunkTransaction(DbConnection connection, DbTransaction transaction)
{
    public DbConnection Connection { get; } = connection;
    public DbTransaction Transaction { get; } = transaction;

    /// <summary>
    /// Makes an EF Core context write in this chunk's transaction. The context must not have opened a
    /// connection of its own yet (create it for the chunk, write, then dispose it).
    /// </summary>
    public async Task<TContext> EnlistAsync<TContext>(TContext context, CancellationToken cancellationToken = default)
        where TContext : DbContext
    {
        context.Database.SetDbConnection(Connection, contextOwnsConnection: false);
        await context.Database.UseTransactionAsync(Transaction, cancellationToken);
        return context;
    }

    /// <summary>A command on the chunk's connection, already in its transaction.</summary>
    public DbCommand CreateCommand(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }
}
