using Npgsql;
using NpgsqlTypes;
using PartnerOffice.Jobs.Repository;

namespace PartnerOffice.Jobs.PostgreSql;

/// <summary>
/// A status move in one statement: the conditional update, the run-log lines and the last step's end that go with it and
/// the log's trim, returning the moved execution (or nothing when it was no longer as expected, and then nothing else is
/// written either). Elsewhere the same move takes a transaction of several statements and a read.
/// </summary>
internal static class PostgreSqlTransitions
{
    private static readonly string EmptyContext = new ExecutionContext().ToJson();

    /// <remarks>The columns set are those of <see cref="JobRepository"/>'s conditional update, decided by the same <see cref="TransitionEffects"/>.</remarks>
    public static FormattableString TryMove(long executionId, JobStatus from, TransitionEffects effects, StatusChange change)
    {
        var lines = change.LogLines;
        foreach (var line in lines) JobRepository.FitToColumns(line);
        // Every part of the statement sees the table as it was before it: the trim leaves room for the lines it adds.
        var newestOldSkipped = Math.Max(0, change.KeepLogLines - lines.Count - 1);
        var (step, withCheckpoint) = (change.StepUpdate?.Step, change.StepUpdate?.WithCheckpoint == true);
        // A step not stored yet is stored with its starting, empty checkpoint unless it completed; a stored one keeps its own.
        var stepContext = step is null ? null : withCheckpoint ? step.ExecutionContext.ToJson() : EmptyContext;
        return $"""
            WITH moved AS (
                UPDATE "JobExecutions" SET
                    "Status" = {Text(effects.To.ToString())},
                    "LastUpdatedAt" = {Time(effects.Now)},
                    "LeaseOwner" = CASE WHEN {Flag(effects.Claiming)} THEN {Text(change.NewOwner)} WHEN {Flag(effects.KeepsLease)} THEN "LeaseOwner" END,
                    "LeaseExpiresAt" = CASE WHEN {Flag(effects.Claiming)} THEN {Time(effects.LeaseExpiry)} WHEN {Flag(effects.KeepsLease)} THEN "LeaseExpiresAt" END,
                    "StartedAt" = CASE WHEN {Flag(effects.Claiming)} THEN COALESCE("StartedAt", {Time(effects.Now)}) ELSE "StartedAt" END,
                    "EndedAt" = CASE WHEN {Flag(effects.Ending)} THEN {Time(effects.Now)} WHEN {Flag(effects.Requeueing)} THEN NULL ELSE "EndedAt" END,
                    "RunCount" = "RunCount" + CASE WHEN {Flag(effects.Claiming)} THEN 1 ELSE 0 END,
                    "CancelRequested" = NOT {Flag(effects.Requeueing)} AND ("CancelRequested" OR {Flag(change.Cancel)}),
                    "Error" = CASE WHEN {Flag(effects.Requeueing)} THEN NULL ELSE COALESCE({Text(change.Error)}, "Error") END,
                    "ExitDescription" = CASE WHEN {Flag(effects.Requeueing)} THEN NULL ELSE COALESCE({Text(change.ExitDescription)}, "ExitDescription") END
                WHERE "Id" = {executionId} AND "Status" = {Text(from.ToString())}
                    AND ({Text(change.ExpectedOwner)} IS NULL OR "LeaseOwner" = {Text(change.ExpectedOwner)})
                    AND (NOT {Flag(change.OnlyIfLeaseExpired)} OR "LeaseExpiresAt" < {Time(effects.Now)})
                RETURNING *),
            logged AS (
                INSERT INTO "JobLogEntries" ("JobExecutionId", "At", "Level", "Step", "Message", "Exception")
                SELECT moved."Id", line.at, line.level, line.step, line.message, line.exception
                FROM moved, unnest({Times(lines.Select(l => l.At))}, {Texts(lines.Select(l => l.Level.ToString()))},
                    {Texts(lines.Select(l => l.Step))}, {Texts(lines.Select(l => l.Message))}, {Texts(lines.Select(l => l.Exception))})
                    WITH ORDINALITY AS line(at, level, step, message, exception, n)
                ORDER BY line.n),
            stepped AS (
                INSERT INTO "StepExecutions" ("JobExecutionId", "Name", "StepName", "PartitionName", "Status", "ReadCount", "ProcessCount",
                    "FilterCount", "WriteCount", "SkipCount", "CommitCount", "RollbackCount", "ExecutionContext", "StartedAt", "EndedAt",
                    "LastUpdatedAt", "Error")
                SELECT moved."Id", {Text(step?.Name)}, {Text(step?.StepName)}, {Text(step?.PartitionName)}, {Text(step?.Status.ToString())},
                    {Count(step?.ReadCount)}, {Count(step?.ProcessCount)}, {Count(step?.FilterCount)}, {Count(step?.WriteCount)},
                    {Count(step?.SkipCount)}, {Count(step?.CommitCount)}, {Count(step?.RollbackCount)}, {Text(stepContext)},
                    {Time(step?.StartedAt)}, {Time(step?.EndedAt)}, {Time(effects.Now)}, {Text(step?.Error)}
                FROM moved WHERE {Flag(step is not null)}
                ON CONFLICT ("JobExecutionId", "Name") DO UPDATE SET
                    "Status" = EXCLUDED."Status", "ReadCount" = EXCLUDED."ReadCount", "ProcessCount" = EXCLUDED."ProcessCount",
                    "FilterCount" = EXCLUDED."FilterCount", "WriteCount" = EXCLUDED."WriteCount", "SkipCount" = EXCLUDED."SkipCount",
                    "CommitCount" = EXCLUDED."CommitCount", "RollbackCount" = EXCLUDED."RollbackCount",
                    "ExecutionContext" = CASE WHEN {Flag(withCheckpoint)} THEN EXCLUDED."ExecutionContext" ELSE "StepExecutions"."ExecutionContext" END,
                    "StartedAt" = EXCLUDED."StartedAt", "EndedAt" = EXCLUDED."EndedAt", "LastUpdatedAt" = EXCLUDED."LastUpdatedAt",
                    "Error" = EXCLUDED."Error"),
            trimmed AS (
                DELETE FROM "JobLogEntries"
                WHERE {Flag(lines.Count > 0)} AND "JobExecutionId" = (SELECT "Id" FROM moved)
                    AND "Id" < (SELECT k."Id" FROM "JobLogEntries" k WHERE k."JobExecutionId" = {executionId}
                                ORDER BY k."Id" DESC OFFSET {newestOldSkipped} LIMIT 1))
            SELECT * FROM moved
            """;
    }

    private static NpgsqlParameter<string?> Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = value };

    private static NpgsqlParameter<long?> Count(long? value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = value };

    private static NpgsqlParameter<bool> Flag(bool value) => new() { TypedValue = value };

    private static NpgsqlParameter<DateTime?> Time(DateTime? value) => new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = value };

    private static NpgsqlParameter<string?[]> Texts(IEnumerable<string?> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = values.ToArray() };

    private static NpgsqlParameter<DateTime[]> Times(IEnumerable<DateTime> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, TypedValue = values.ToArray() };
}
