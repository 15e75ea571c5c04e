using PartnerOffice.Jobs;

namespace PartnerOffice.Tests.Jobs;

public class JobStatusTransitionsTests
{
    [Theory]
    [InlineData(JobStatus.Queued, JobStatus.Running)]
    [InlineData(JobStatus.Queued, JobStatus.Cancelled)]
    [InlineData(JobStatus.Running, JobStatus.Stopping)]
    [InlineData(JobStatus.Running, JobStatus.Queued)]
    [InlineData(JobStatus.Stopping, JobStatus.Stopped)]
    [InlineData(JobStatus.Failed, JobStatus.Queued)]
    [InlineData(JobStatus.Stopped, JobStatus.Abandoned)]
    public void Legal_moves_are_allowed(JobStatus from, JobStatus to) => JobStatusTransitions.Ensure(from, to);

    [Theory]
    [InlineData(JobStatus.Completed, JobStatus.Queued)]
    [InlineData(JobStatus.Completed, JobStatus.Running)]
    [InlineData(JobStatus.Cancelled, JobStatus.Queued)]
    [InlineData(JobStatus.Queued, JobStatus.Completed)]
    [InlineData(JobStatus.Running, JobStatus.Stopped)]
    [InlineData(JobStatus.Abandoned, JobStatus.Queued)]
    public void Illegal_moves_are_refused(JobStatus from, JobStatus to)
    {
        var refused = Assert.Throws<IllegalStatusTransitionException>(() => JobStatusTransitions.Ensure(from, to));
        Assert.Equal((from, to), (refused.From, refused.To));
    }

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void The_operator_actions_a_status_offers_are_moves_the_table_allows(JobStatus status)
    {
        // Restart is a move to Queued and abandon one to Abandoned; stop and cancel move a running execution to
        // Stopping and end a queued one Cancelled.
        Assert.Equal(status.IsRestartable(), status != JobStatus.Running && JobStatusTransitions.IsAllowed(status, JobStatus.Queued)
                                             && JobStatusTransitions.IsAllowed(status, JobStatus.Abandoned));
        Assert.Equal(status.IsStoppable(), status switch
        {
            JobStatus.Queued => JobStatusTransitions.IsAllowed(status, JobStatus.Cancelled),
            _ => JobStatusTransitions.IsAllowed(status, JobStatus.Stopping),
        });
    }

    public static TheoryData<JobStatus> EveryStatus() => new(Enum.GetValues<JobStatus>());
}
