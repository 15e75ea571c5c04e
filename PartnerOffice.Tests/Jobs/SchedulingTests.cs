using PartnerOffice.Jobs.Database;
using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Scheduling;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Jobs;

/// <summary>
/// Schedules on the real scheduler loop and a manual clock. The loop's sleep is the test's signal: once the scheduler
/// waits for its next fire time, the round before it is done; moving the clock there wakes it.
/// </summary>
public abstract class SchedulingTests(DatabaseProvider engine) : EngineSuite(engine)
{
    private const string Job = "tick";
    private const string EveryTwentyMinutes = "0 0/20 * * * ?";
    private static readonly DateTime Start = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>A quick job that records the fire time of each launch; an engine with the given schedules declared.</summary>
    private Task<JobEngineHarness> StartAsync(ConcurrentQueue<DateTime> fired, Action<IServiceCollection> schedules,
        Task? hold = null, ManualTimeProvider? clock = null, JobEngineHarness? sharing = null) =>
        StartEngineAsync(services =>
        {
            services.AddJob(Job, job => job.Step("tick", step => step.Tasklet(async (context, _) =>
            {
                fired.Enqueue(context.Parameters.GetDateTime(JobScheduler.FireTimeParameter)!.Value);
                if (hold is not null) await hold;
            })));
            schedules(services);
        }, clock: clock, sharing: sharing);

    /// <summary>Completes once the scheduler sleeps until <paramref name="at"/>: everything due before it has been fired.</summary>
    private static Task SleepsUntilAsync(JobEngineHarness engine, DateTime at)
    {
        var sleep = at - engine.Clock.GetUtcNow().UtcDateTime;
        return engine.Clock.WaitForTimerAsync(due => due == sleep).WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Moves the clock to the scheduler's next wake-up <paramref name="at"/> and waits for the round to end (it sleeps until <paramref name="then"/>).</summary>
    private static async Task AdvanceToAsync(JobEngineHarness engine, DateTime at, DateTime then)
    {
        await SleepsUntilAsync(engine, at);
        engine.Clock.Advance(at - engine.Clock.GetUtcNow().UtcDateTime);
        await SleepsUntilAsync(engine, then);
    }

    private static async Task<JobSchedule> ScheduleAsync(JobEngineHarness engine, string name = "ticks") =>
        (await engine.Repository.GetScheduleAsync(name))!;

    private static async Task<JobExecution> LastRunAsync(JobEngineHarness engine, string name = "ticks") =>
        await engine.WaitForAsync((await ScheduleAsync(engine, name)).LastExecutionId!.Value, JobStatus.Completed);

    [Fact]
    public async Task Fires_at_the_cron_times_of_its_time_zone_across_a_daylight_saving_change()
    {
        var fired = new ConcurrentQueue<DateTime>();
        // 07:00 in New York on the Friday before clocks go forward (Sunday 2026-03-08, 02:00 EST → 03:00 EDT).
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.Zero));
        await using var engine = await StartAsync(fired, s => s.AddJobSchedule("ticks", Job, "0 0 9 * * ?", timeZone: "America/New_York"), clock: clock);
        await engine.StartSchedulerAsync();

        // 09:00 local: 14:00 UTC in EST, 13:00 UTC in EDT.
        DateTime[] expected = [Utc(3, 6, 14), Utc(3, 7, 14), Utc(3, 8, 13), Utc(3, 9, 13), Utc(3, 10, 13)];
        for (var i = 0; i < 4; i++)
        {
            await AdvanceToAsync(engine, expected[i], then: expected[i + 1]);
            Assert.Equal(expected[i], (await LastRunAsync(engine)).Parameters.GetDateTime(JobScheduler.FireTimeParameter));
        }
        Assert.Equal(expected[..4], fired.Order());
        Assert.Equal(expected[4], (await ScheduleAsync(engine)).NextFireAt);
    }

    [Fact]
    public async Task A_paused_schedule_does_not_fire_and_a_resumed_one_fires_from_now_on()
    {
        var fired = new ConcurrentQueue<DateTime>();
        await using var engine = await StartAsync(fired, s => s.AddJobSchedule("ticks", Job, EveryTwentyMinutes));
        await engine.StartSchedulerAsync();
        await AdvanceToAsync(engine, Start.AddMinutes(20), then: Start.AddMinutes(40));
        await LastRunAsync(engine);

        await engine.Schedules.PauseAsync("ticks");
        Assert.Null((await ScheduleAsync(engine)).NextFireAt);
        // Nothing due any more: the scheduler wakes at 09:40 and then only sleeps its check interval.
        await AdvanceToAsync(engine, Start.AddMinutes(40), then: Start.AddMinutes(40).AddDays(30));
        engine.Clock.Advance(TimeSpan.FromMinutes(30));   // 10:10, the 10:00 fire passed while paused

        await engine.Schedules.ResumeAsync("ticks");
        Assert.Equal(Start.AddMinutes(80), (await ScheduleAsync(engine)).NextFireAt);
        await AdvanceToAsync(engine, Start.AddMinutes(80), then: Start.AddMinutes(100));
        await LastRunAsync(engine);
        Assert.Equal([Start.AddMinutes(20), Start.AddMinutes(80)], fired.Order());
    }

    [Fact]
    public async Task A_fire_is_skipped_while_the_previous_execution_still_runs()
    {
        var fired = new ConcurrentQueue<DateTime>();
        var hold = new TaskCompletionSource();
        await using var engine = await StartAsync(fired, s => s.AddJobSchedule("ticks", Job, EveryTwentyMinutes), hold.Task);
        await engine.StartSchedulerAsync();
        await AdvanceToAsync(engine, Start.AddMinutes(20), then: Start.AddMinutes(40));
        var first = (await ScheduleAsync(engine)).LastExecutionId!.Value;
        await engine.WaitForAsync(first, JobStatus.Running);

        await AdvanceToAsync(engine, Start.AddMinutes(40), then: Start.AddMinutes(60));
        Assert.Equal(first, (await ScheduleAsync(engine)).LastExecutionId);
        Assert.Equal(1, (await engine.Operator.ListAsync(new JobExecutionQuery { JobName = Job })).TotalCount);

        hold.SetResult();
        await engine.WaitForAsync(first, JobStatus.Completed);
        await AdvanceToAsync(engine, Start.AddMinutes(60), then: Start.AddMinutes(80));
        Assert.NotEqual(first, (await LastRunAsync(engine)).Id);
        Assert.Equal([Start.AddMinutes(20), Start.AddMinutes(60)], fired.Order());
    }

    [Theory]
    [InlineData(MisfirePolicy.FireOnceNow)]
    [InlineData(MisfirePolicy.Skip)]
    public async Task After_the_clock_jumps_several_fires_a_schedule_fires_once_or_skips_to_the_next(MisfirePolicy misfire)
    {
        var fired = new ConcurrentQueue<DateTime>();
        await using var engine = await StartAsync(fired, s => s.AddJobSchedule("ticks", Job, EveryTwentyMinutes, misfire: misfire));
        await engine.StartSchedulerAsync();
        await SleepsUntilAsync(engine, Start.AddMinutes(20));

        // Down from 09:00 to 10:05: the fires of 09:20, 09:40 and 10:00 were missed.
        engine.Clock.Advance(TimeSpan.FromMinutes(65));
        await SleepsUntilAsync(engine, Start.AddMinutes(80));

        var schedule = await ScheduleAsync(engine);
        Assert.Equal(Start.AddMinutes(80), schedule.NextFireAt);
        if (misfire == MisfirePolicy.FireOnceNow)
        {
            await LastRunAsync(engine);
            Assert.Equal([Start.AddMinutes(20)], fired);
            Assert.Equal(Start.AddMinutes(65), schedule.LastFireAt);
        }
        else
        {
            Assert.Null(schedule.LastExecutionId);
            Assert.Equal(0, (await engine.Operator.ListAsync(new JobExecutionQuery { JobName = Job })).TotalCount);
        }
    }

    [Fact]
    public async Task Two_schedulers_on_one_database_fire_each_occurrence_once()
    {
        var fired = new ConcurrentQueue<DateTime>();
        // Overlap allowed: whether the previous occurrence has finished in the other process is beside the point here.
        Action<IServiceCollection> schedules = s => s.AddJobSchedule("ticks", Job, EveryTwentyMinutes, overlap: ScheduleOverlapPolicy.Allow);
        await using var first = await StartAsync(fired, schedules);
        await using var second = await StartAsync(fired, schedules, sharing: first);
        await first.Repository.SyncSchedulesAsync([first.Services.GetRequiredService<JobScheduleDeclaration>()], CancellationToken.None);

        for (var i = 1; i <= 5; i++)
        {
            first.Clock.Advance(TimeSpan.FromMinutes(20));
            // Both processes see the same due occurrence and race for it.
            await Task.WhenAll(Task.Run(() => first.Scheduler.FireDueAsync(CancellationToken.None)),
                Task.Run(() => second.Scheduler.FireDueAsync(CancellationToken.None)));
        }

        // Whichever process launched an occurrence runs it, so the stored executions are the record.
        var executions = await first.Operator.ListAsync(new JobExecutionQuery { JobName = Job });
        Assert.Equal(Enumerable.Range(1, 5).Select(i => Start.AddMinutes(20 * i)),
            executions.Items.Select(e => e.Parameters.GetDateTime(JobScheduler.FireTimeParameter)!.Value).Order());
    }

    [Fact]
    public async Task Declared_schedules_are_stored_at_start_up_keeping_an_operators_pause_and_dropping_undeclared_ones()
    {
        var fired = new ConcurrentQueue<DateTime>();
        await using var first = await StartAsync(fired, s => s
            .AddJobSchedule("ticks", Job, EveryTwentyMinutes)
            .AddJobSchedule("old", Job, EveryTwentyMinutes));
        await first.StartSchedulerAsync();
        await first.Schedules.PauseAsync("ticks");

        // The next deployment declares the schedule with a new time zone, and no longer the old one.
        await using var second = await StartAsync(fired, s => s.AddJobSchedule("ticks", Job, "0 0 9 * * ?", timeZone: "Asia/Seoul"), sharing: first);
        await second.StartSchedulerAsync();

        var stored = (await second.Schedules.ListAsync()).Select(d => d.Schedule).ToList();
        var ticks = Assert.Single(stored);
        Assert.Equal(("ticks", "Asia/Seoul", "0 0 9 * * ?"), (ticks.Name, ticks.TimeZone, ticks.CronExpression));
        Assert.True(ticks.Paused);
        Assert.Null(ticks.NextFireAt);

        await second.Schedules.ResumeAsync("ticks");
        // 09:00 in Seoul is 00:00 UTC; the clock reads 2026-01-05 09:00 UTC (18:00 in Seoul).
        Assert.Equal(new DateTime(2026, 1, 6, 0, 0, 0), (await ScheduleAsync(second)).NextFireAt);
    }

    [Fact]
    public async Task Run_now_launches_a_paused_schedule_once_and_not_again_while_it_runs()
    {
        var fired = new ConcurrentQueue<DateTime>();
        var hold = new TaskCompletionSource();
        await using var engine = await StartAsync(fired, s => s.AddJobSchedule("ticks", Job, EveryTwentyMinutes), hold.Task);
        await engine.StartSchedulerAsync();
        await engine.Schedules.PauseAsync("ticks");

        var run = await engine.Schedules.TriggerAsync("ticks");
        Assert.Equal(ScheduleFireOutcome.Fired, run.Outcome);
        await engine.WaitForAsync(run.Execution!.Id, JobStatus.Running);
        Assert.Equal(ScheduleFireOutcome.SkippedOverlap, (await engine.Schedules.TriggerAsync("ticks")).Outcome);

        hold.SetResult();
        await engine.WaitForAsync(run.Execution.Id, JobStatus.Completed);
        Assert.Equal([Start], fired);
        Assert.True((await ScheduleAsync(engine)).Paused);
    }

    private static DateTime Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task An_operators_cron_and_zone_win_over_the_declared_ones_across_a_restart_until_reset()
    {
        var fired = new ConcurrentQueue<DateTime>();
        void Declared(IServiceCollection s) => s.AddJobSchedule("ticks", Job, EveryTwentyMinutes);
        await using var first = await StartAsync(fired, Declared);
        await first.StartSchedulerAsync();

        await first.Schedules.EditAsync("ticks", "0 30 9 ? * MON-FRI", "Asia/Seoul");
        var edited = await ScheduleAsync(first);
        Assert.Equal(("0 30 9 ? * MON-FRI", "Asia/Seoul", true), (edited.CronExpression, edited.TimeZone, edited.Edited));
        // Monday 2026-01-05 09:00 UTC is 18:00 in Seoul: the next 09:30 there is Tuesday's, 00:30 UTC.
        Assert.Equal(new DateTime(2026, 1, 6, 0, 30, 0, DateTimeKind.Utc), edited.NextFireAt);

        // Another process starts with the same declarations: the edit stays.
        await using (var second = await StartAsync(fired, Declared, clock: first.Clock, sharing: first))
        {
            await second.StartSchedulerAsync();
            var afterRestart = await ScheduleAsync(second);
            Assert.Equal(("0 30 9 ? * MON-FRI", "Asia/Seoul", EveryTwentyMinutes, "UTC"),
                (afterRestart.CronExpression, afterRestart.TimeZone, afterRestart.DeclaredCronExpression, afterRestart.DeclaredTimeZone));
        }

        await first.Schedules.ResetAsync("ticks");
        var reset = await ScheduleAsync(first);
        Assert.Equal((EveryTwentyMinutes, "UTC", false), (reset.CronExpression, reset.TimeZone, reset.Edited));
        Assert.Equal(Start.AddMinutes(20), reset.NextFireAt);
    }

    [Theory]
    [InlineData("every day", "UTC", "cron")]
    [InlineData("0 0 0 1 1 ? 2020", "UTC", "cron")]
    [InlineData("0 0 * * * ?", "Mars/Olympus_Mons", "timeZone")]
    public async Task An_edit_the_scheduler_cannot_run_is_refused_naming_the_field(string cron, string zone, string field)
    {
        await using var engine = await StartAsync(new ConcurrentQueue<DateTime>(), s => s.AddJobSchedule("ticks", Job, EveryTwentyMinutes));
        await engine.StartSchedulerAsync();

        var refused = await Assert.ThrowsAsync<ScheduleEditRefusedException>(() => engine.Schedules.EditAsync("ticks", cron, zone));

        Assert.Equal(field, refused.Field);
        Assert.Equal(EveryTwentyMinutes, (await ScheduleAsync(engine)).CronExpression);
    }
}

public sealed class SchedulingOnSqliteTests() : SchedulingTests(DatabaseProvider.Sqlite);

public sealed class SchedulingOnPostgreSqlTests() : SchedulingTests(DatabaseProvider.PostgreSql);
