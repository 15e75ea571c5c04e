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
}
