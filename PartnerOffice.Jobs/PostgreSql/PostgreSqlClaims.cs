using PartnerOffice.Jobs.Repository;

namespace PartnerOffice.Jobs.PostgreSql;

/// <summary>
/// A worker's claim in one statement: the oldest queued execution of its jobs that no other worker is claiming at that
/// moment (<c>FOR UPDATE SKIP LOCKED</c>) becomes its own. Workers on every node therefore each take a different
/// execution at once, instead of all reaching for the same oldest one and retrying the losers.
/// </summary>
internal static class PostgreSqlClaims
{
    /// <remarks>The columns set are the claim's (Queued → Running) as <see cref="TransitionEffects"/> decides them for every move.</remarks>
    public static FormattableString ClaimOldestQueued(string[] jobNames, string owner, DateTime now, DateTime leaseExpiry) => $"""
            UPDATE "JobExecutions"
            SET "Status" = 'Running', "LastUpdatedAt" = {now}, "LeaseOwner" = {owner}, "LeaseExpiresAt" = {leaseExpiry},
                "StartedAt" = COALESCE("StartedAt", {now}), "RunCount" = "RunCount" + 1
            WHERE "Id" = (SELECT "Id" FROM "JobExecutions" WHERE "Status" = 'Queued' AND "JobName" = ANY({jobNames})
                          ORDER BY "Id" LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING *
            """;
}
