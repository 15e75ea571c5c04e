using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Jobs.Definition;

namespace PartnerOffice.Audit;

/// <summary>Deletes audit entries past their retention (<see cref="AuditOptions.RetentionDays"/>); scheduled daily.</summary>
public static class AuditRetentionJob
{
    public static void Define(JobBuilder job) => job
        .Step("delete-expired-entries", step => step.Tasklet((context, cancellationToken) =>
            context.Services.GetRequiredService<AuditTrail>().DeleteExpiredAsync(cancellationToken)));
}
