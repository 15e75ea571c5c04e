namespace PartnerOffice.Audit;

public sealed class AuditOptions
{
    public const string Section = "PartnerOffice:Audit";

    /// <summary>How long entries are kept; two years by default, as records of access to personal data must be.</summary>
    public int RetentionDays { get; set; } = 730;

    /// <summary>When entries past their retention are deleted (Quartz cron, UTC).</summary>
    public string RetentionCron { get; set; } = "0 40 3 * * ?";
}
