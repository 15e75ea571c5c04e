using PartnerOffice.Audit;
using PartnerOffice.Jobs.Launching;

namespace PartnerOffice.App.Hosting;

/// <summary>The audit trail: its options, the trail itself, and the daily deletion of entries past their retention.</summary>
public static class AuditSetup
{
    public static IHostApplicationBuilder AddPartnerOfficeAudit(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AuditOptions.Section);
        builder.Services.AddOptions<AuditOptions>().Bind(section)
            .Validate(o => o.RetentionDays >= 1, $"{AuditOptions.Section}:RetentionDays must be 1 or more.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<OperatorActions>();
        builder.Services.AddJob(AuditTrail.RetentionJobName, AuditRetentionJob.Define);
        builder.Services.AddJobSchedule(AuditTrail.RetentionJobName, job: AuditTrail.RetentionJobName,
            cron: section.Get<AuditOptions>()?.RetentionCron ?? new AuditOptions().RetentionCron);
        return builder;
    }
}
