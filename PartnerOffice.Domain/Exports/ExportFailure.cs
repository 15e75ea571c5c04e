using Microsoft.Data.Sqlite;
using Npgsql;
using PartnerOffice.Exports.Storage;

namespace PartnerOffice.Exports;

/// <summary>Why an export failed, as its partner may be told: a cause they can act on or wait out, never a path or an exception.</summary>
public enum ExportFailure
{
    /// <summary>The server ran out of disk space writing the file.</summary>
    DiskFull,
    /// <summary>The file store did not take the finished file.</summary>
    FileStoreUnavailable,
    /// <summary>Anything else: the operators see the details on the job's page.</summary>
    Internal,
}

public static class ExportFailures
{
    /// <summary>The cause partners are told of, read from what the export job's steps failed with.</summary>
    public static ExportFailure Classify(IEnumerable<Exception> failures)
    {
        var causes = failures.SelectMany(Chain).ToList();
        if (causes.Any(IsDiskFull)) return ExportFailure.DiskFull;
        if (causes.Any(c => c is FileStoreUnavailableException)) return ExportFailure.FileStoreUnavailable;
        return ExportFailure.Internal;
    }

    /// <summary>
    /// ENOSPC on Linux and macOS (the runtime puts errno in the HResult), ERROR_DISK_FULL or ERROR_HANDLE_DISK_FULL on
    /// Windows, SQLITE_FULL or PostgreSQL's disk_full from the database; the message for a writer that only rethrew the text.
    /// </summary>
    public static bool IsDiskFull(Exception error) => error switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 13,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.DiskFull,
        IOException io => (OperatingSystem.IsWindows() ? (io.HResult & 0xFFFF) is 39 or 112 : io.HResult == 28)
            || io.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static IEnumerable<Exception> Chain(Exception error)
    {
        if (error is AggregateException aggregate)
        {
            foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
            yield break;
        }
        for (var e = error; e is not null; e = e.InnerException) yield return e;
    }
}
