using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerOffice.Audit;
using PartnerOffice.Data;

namespace PartnerOffice.Ingest;

public enum FollowUpRetryOutcome
{
    /// <summary>It was Failed and is Pending again now, with a new retry window.</summary>
    Retried,
    NotFound,
    /// <summary>Only a Failed follow-up can be retried; <see cref="FollowUpRetryResult.FollowUp"/> says what it is now.</summary>
    NotFailed,
}

/// <summary>What an operator's retry did, and the follow-up as it is after it (null when there is none of that id).</summary>
public sealed record FollowUpRetryResult(FollowUpRetryOutcome Outcome, InvoiceFollowUp? FollowUp)
{
    /// <summary>Why the retry was refused, in words for the operator; null when it was made.</summary>
    public string? Refusal(long followUpId) => Outcome switch
    {
        FollowUpRetryOutcome.NotFound => string.Create(CultureInfo.InvariantCulture, $"There is no follow-up {followUpId}."),
        FollowUpRetryOutcome.NotFailed => string.Create(CultureInfo.InvariantCulture,
            $"Follow-up {followUpId} (order {FollowUp!.Order.ExternalId}) is {FollowUp.Status}: only a Failed follow-up can be retried."),
        _ => null,
    };
}

/// <summary>
/// The operators' moves on invoice follow-ups, from the /ingest page and the admin API alike: each is the store's own
/// move, recorded in the audit trail with who made it (and for which seller's partner) once it is made.
/// </summary>
public sealed class FollowUpOperatorActions(InvoiceFollowUps followUps, InvoiceFollowUpWorker worker, AuditTrail audit,
    IDbContextFactory<PartnerOfficeDbContext> databases)
{
    /// <summary>Puts a Failed follow-up back to Pending now, with a new retry window, and wakes this process's worker for it.</summary>
    public async Task<FollowUpRetryResult> RetryAsync(AuditActor actor, long followUpId, CancellationToken cancellationToken = default)
    {
        var retried = await followUps.RetryAsync(followUpId, cancellationToken);
        var current = await followUps.FindAsync(followUpId, cancellationToken);
        if (!retried) return new FollowUpRetryResult(current is null ? FollowUpRetryOutcome.NotFound : FollowUpRetryOutcome.NotFailed, current);
        worker.Wake();
        // It was just updated, and follow-ups are never deleted. The seller code names the partner whose order it is.
        var order = current!.Order;
        await audit.RecordAsync(actor, AuditAction.FollowUpRetried, string.Create(CultureInfo.InvariantCulture, $"follow-up {followUpId}"),
            string.Create(CultureInfo.InvariantCulture, $"order {order.ExternalId} ({order.SellerCode}), {current.Attempts} attempts before"),
            await PartnerIdAsync(order.SellerCode, cancellationToken), cancellationToken);
        return new FollowUpRetryResult(FollowUpRetryOutcome.Retried, current);
    }

    private async Task<int?> PartnerIdAsync(string sellerCode, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Partners.Where(p => p.Code == sellerCode).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
