using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Exports;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Scheduling;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Hosting;

/// <summary>
/// Every job of the portal is on the Schedules page with its cron and can be run now, in the demo's configuration (no
/// marketplace, no Redis, no webhook) too. The export alone is not: partners request it, with their dataset and filters.
/// </summary>
public sealed class DeclaredSchedulesTests(PortalHost portal) : IClassFixture<PortalHost>
{
    [Fact]
    public async Task Every_job_but_the_requested_export_has_a_schedule_and_each_runs_now_to_completion()
    {
        var schedules = portal.Services.GetRequiredService<IScheduleOperator>();
        var listed = await schedules.ListAsync();

        var unscheduled = portal.Services.GetRequiredService<JobRegistry>().Names.Except(listed.Select(s => s.Schedule.JobName)).ToList();
        Assert.Equal([ExportJob.Name], unscheduled);
        Assert.All(listed, s => Assert.False(string.IsNullOrWhiteSpace(s.Schedule.CronExpression), s.Schedule.Name));

        foreach (var schedule in listed.Select(s => s.Schedule.Name))
        {
            var fired = await schedules.TriggerAsync(schedule);
            Assert.True(fired.Outcome == ScheduleFireOutcome.Fired, $"{schedule}: {fired.Outcome}");
            var ended = await portal.WaitForJobAsync(fired.Execution!.Id, JobStatus.Completed, JobStatus.Failed);
            Assert.True(ended.Status == JobStatus.Completed, $"{schedule} ended {ended.Status}: {ended.Error}");
        }
    }
}
