using PartnerOffice.Jobs.Launching;
using PartnerOffice.Members;

namespace PartnerOffice.App.Hosting;

/// <summary>The member review: its options and the daily schedule (also run on demand from the Schedules page or <c>job run</c>).</summary>
public static class MembersSetup
{
    public static IHostApplicationBuilder AddPartnerOfficeMembers(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(MemberReviewOptions.Section);
        builder.Services.AddOptions<MemberReviewOptions>().Bind(section)
            .Validate(o => o.ChunkSize is >= 1 and <= 100_000, $"{MemberReviewOptions.Section}:ChunkSize must be between 1 and 100000.")
            .Validate(o => o.WaitingPeriod > TimeSpan.Zero, $"{MemberReviewOptions.Section}:WaitingPeriod must be positive.")
            .ValidateOnStart();
        builder.Services.AddJob<MemberReviewJob>();
        var declared = section.Get<MemberReviewOptions>() ?? new MemberReviewOptions();
        builder.Services.AddJobSchedule(MemberReviewJob.JobName, job: MemberReviewJob.JobName, cron: declared.Cron, timeZone: declared.TimeZone);
        return builder;
    }
}
