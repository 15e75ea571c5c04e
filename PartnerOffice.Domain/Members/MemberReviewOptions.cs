namespace PartnerOffice.Members;

/// <summary>Settings under <c>PartnerOffice:MemberReview</c>.</summary>
public sealed class MemberReviewOptions
{
    public const string Section = "PartnerOffice:MemberReview";

    /// <summary>Members completed per chunk: one transaction, one UPDATE and one checkpoint each.</summary>
    public int ChunkSize { get; set; } = 1000;

    /// <summary>When the daily review runs: a Quartz cron expression (seconds first) in <see cref="TimeZone"/>.</summary>
    public string Cron { get; set; } = "0 0 4 * * ?";

    public string TimeZone { get; set; } = "Asia/Seoul";

    /// <summary>How long a member waits after signing up before the review completes them.</summary>
    public TimeSpan WaitingPeriod { get; set; } = TimeSpan.FromHours(24);
}
