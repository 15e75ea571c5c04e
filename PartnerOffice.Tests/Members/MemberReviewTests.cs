using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerOffice.App.Hosting;
using PartnerOffice.Data;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Sqlite;
using PartnerOffice.Members;
using PartnerOffice.Retail;
using PartnerOffice.Tests.Jobs;

namespace PartnerOffice.Tests.Members;

/// <summary>The member review job on a real database file: which members it completes, its chunks, and a restart after a failed chunk.</summary>
public sealed class MemberReviewTests
{
    private static async Task<JobEngineHarness> StartAsync(int chunkSize)
    {
        var engine = await JobEngineHarness.StartAsync(services =>
        {
            // The business tables share the engine's file, as in the portal, so a chunk's UPDATE commits with its checkpoint.
            services.AddDbContextFactory<PartnerOfficeDbContext>((sp, o) =>
                o.UsePartnerOfficeSqlite(sp.GetRequiredService<IOptions<JobEngineOptions>>().Value.ConnectionString!));
            services.AddOptions<MemberReviewOptions>().Configure(o => o.ChunkSize = chunkSize);
            services.AddJob<MemberReviewJob>();
        });
        await using var db = await engine.Services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        await ExecuteAsync(engine, "INSERT INTO Partners (Code, Name, CreatedAt) VALUES ('P1', 'Partner', '2025-01-01 00:00:00')");
        return engine;
    }

    /// <summary>Adds members with consecutive ids (from 1 on an empty table), all signed up at the same time.</summary>
    private static Task AddMembersAsync(JobEngineHarness engine, int count, DateTimeOffset signedUpAt, MemberStatus status = MemberStatus.Waiting) =>
        ExecuteAsync(engine, $"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count})
            INSERT INTO Members (PartnerId, Email, Name, Status, SignedUpAt)
            SELECT 1, 'm' || i || '@example.test', 'Member ' || i, '{status}', '{RetailDataSeeder.Format(signedUpAt.UtcDateTime)}' FROM n
            """);

    private static async Task ExecuteAsync(JobEngineHarness engine, string sql)
    {
        await using var connection = await engine.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<(long Id, MemberStatus Status, DateTime? ReviewedAt)>> MembersAsync(JobEngineHarness engine)
    {
        await using var db = await engine.Services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>().CreateDbContextAsync();
        return (await db.Members.OrderBy(m => m.Id).Select(m => new { m.Id, m.Status, m.ReviewedAt }).ToListAsync())
            .Select(m => (m.Id, m.Status, m.ReviewedAt)).ToList();
    }

    private static Task<JobExecution> RunReviewAsync(JobEngineHarness engine) => engine.RunAsync(MemberReviewJob.JobName, JobParameters.Empty);

    [Fact]
    public async Task Completes_exactly_the_members_who_signed_up_more_than_a_day_before_the_request_one_chunk_at_a_time()
    {
        await using var engine = await StartAsync(chunkSize: 1000);
        var now = engine.Clock.GetUtcNow();
        await AddMembersAsync(engine, 2_300, now.AddHours(-25));                          // ids 1–2300: due
        await AddMembersAsync(engine, 200, now.AddHours(-23));                            // 2301–2500: not yet
        await AddMembersAsync(engine, 100, now.AddDays(-9), MemberStatus.Completed);      // 2501–2600: reviewed before

        var execution = await RunReviewAsync(engine);

        Assert.Equal(JobStatus.Completed, execution.Status);
        var step = await engine.StepAsync(execution.Id, MemberReviewJob.StepName);
        Assert.Equal((2_300, 2_300, 3, 0), (step.ReadCount, step.WriteCount, step.CommitCount, step.RollbackCount));
        var members = await MembersAsync(engine);
        Assert.All(members.Take(2_300), m => Assert.Equal((MemberStatus.Completed, now.UtcDateTime), (m.Status, m.ReviewedAt)));
        Assert.All(members.Skip(2_300).Take(200), m => Assert.Equal((MemberStatus.Waiting, null), (m.Status, m.ReviewedAt)));
        Assert.All(members.Skip(2_500), m => Assert.Null(m.ReviewedAt));

        // Run again: nothing is due any more, and a second launch is a new instance, not a refused duplicate.
        var again = await RunReviewAsync(engine);
        Assert.Equal(JobStatus.Completed, again.Status);
        Assert.Equal(0, (await engine.StepAsync(again.Id, MemberReviewJob.StepName)).WriteCount);
    }

    [Fact]
    public async Task A_failed_third_chunk_keeps_the_two_committed_and_a_restart_completes_the_rest_once_with_the_first_cutoff()
    {
        await using var engine = await StartAsync(chunkSize: 100);
        var requestedAt = engine.Clock.GetUtcNow();
        await AddMembersAsync(engine, 500, requestedAt.AddDays(-2));                      // ids 1–500: five chunks
        // Chunk 3 (ids 201–300) cannot be written until the trigger is dropped.
        await ExecuteAsync(engine, """
            CREATE TRIGGER RefuseChunkThree BEFORE UPDATE OF Status ON Members WHEN NEW.Id = 250
            BEGIN SELECT RAISE(ABORT, 'member 250 is locked'); END
            """);

        var failed = await RunReviewAsync(engine);

        Assert.Equal(JobStatus.Failed, failed.Status);
        var members = await MembersAsync(engine);
        Assert.All(members.Take(200), m => Assert.Equal((MemberStatus.Completed, requestedAt.UtcDateTime), (m.Status, m.ReviewedAt)));
        Assert.All(members.Skip(200), m => Assert.Equal(MemberStatus.Waiting, m.Status));
        var stopped = await engine.StepAsync(failed.Id, MemberReviewJob.StepName);
        Assert.Equal((200, 2), (stopped.WriteCount, stopped.CommitCount));
        Assert.Equal(200, stopped.ExecutionContext.Get<long>("members.lastKey"));

        // A day later: members who have become due since then are left for the next run, as the first run would have.
        engine.Clock.Advance(TimeSpan.FromDays(1));
        var restartedAt = engine.Clock.GetUtcNow();
        await AddMembersAsync(engine, 50, requestedAt.AddHours(-12));                     // ids 501–550
        await ExecuteAsync(engine, "DROP TRIGGER RefuseChunkThree");
        await engine.Operator.RestartAsync(failed.Id);
        var restarted = await engine.WaitForAsync(failed.Id, JobStatus.Completed, JobStatus.Failed);

        Assert.Equal(JobStatus.Completed, restarted.Status);
        members = await MembersAsync(engine);
        Assert.All(members.Take(200), m => Assert.Equal(requestedAt.UtcDateTime, m.ReviewedAt));   // not written again
        Assert.All(members.Skip(200).Take(300), m => Assert.Equal((MemberStatus.Completed, restartedAt.UtcDateTime), (m.Status, m.ReviewedAt)));
        Assert.All(members.Skip(500), m => Assert.Equal(MemberStatus.Waiting, m.Status));
        var steps = (await engine.Repository.GetStepExecutionsAsync(failed.Id)).Where(s => s.StepName == MemberReviewJob.StepName).ToList();
        Assert.Equal(500, steps.Sum(s => s.WriteCount));
        Assert.Equal(5, steps.Sum(s => s.CommitCount));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void A_chunk_size_below_one_is_refused_at_start(string chunkSize)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"{MemberReviewOptions.Section}:ChunkSize"] = chunkSize });
        builder.AddPartnerOfficeMembers();
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<MemberReviewOptions>>().Value);
        Assert.Contains("ChunkSize", error.Message);
    }

    [Fact]
    public void The_review_is_scheduled_daily_at_four_in_the_morning_in_Seoul_with_chunks_of_a_thousand_by_default()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddPartnerOfficeMembers();
        using var host = builder.Build();

        Assert.Equal(1000, host.Services.GetRequiredService<IOptions<MemberReviewOptions>>().Value.ChunkSize);
        var schedule = Assert.Single(host.Services.GetServices<PartnerOffice.Jobs.Scheduling.JobScheduleDeclaration>(), s => s.JobName == MemberReviewJob.JobName);
        Assert.Equal(("0 0 4 * * ?", "Asia/Seoul"), (schedule.CronExpression, schedule.TimeZone));
    }
}
