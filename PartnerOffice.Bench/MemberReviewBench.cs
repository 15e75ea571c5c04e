using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerOffice.Data;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Sqlite;
using PartnerOffice.Members;
using PartnerOffice.Retail;

namespace PartnerOffice.Bench;

/// <summary>
/// The <c>members</c> verb: the member-review job beside the naive way (load every waiting member, change each,
/// one <c>SaveChanges</c>) on databases of N waiting members. Each run works on a fresh copy of the database, in a
/// child process of its own, so its peak working set is its own.
/// </summary>
internal static class MemberReviewBench
{
    public const string Verb = "members";
    public const string JobCase = "member-review-job";
    public const string NaiveCase = "load-all-save-once";
    private const string Usage = "members [--members 100000,1000000] [--runs 1] [--chunk 1000]";

    public static async Task RunAsync(string[] args)
    {
        var values = BenchOptions.Pairs(args, Usage);
        var chunk = int.Parse(values.GetValueOrDefault("chunk", "1000"));
        if (values.GetValueOrDefault("case") is { } benchCase)
        {
            var result = await RunCaseAsync(benchCase, SqliteDatabase.ConnectionStringFor(values["db"]), chunk);
            Console.WriteLine(ChildRuns.ResultPrefix + System.Text.Json.JsonSerializer.Serialize(result));
            return;
        }

        var sizes = values.GetValueOrDefault("members", "100000,1000000").Split(',').Select(int.Parse).ToArray();
        var runs = int.Parse(values.GetValueOrDefault("runs", "1"));
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, chunks of {chunk}, median of {runs} runs, each in a fresh process on a fresh copy.");
        var results = new Dictionary<int, Dictionary<string, List<CaseResult>>>();
        foreach (var size in sizes)
        {
            var template = await EnsureTemplateAsync(size);
            results[size] = new() { [JobCase] = [], [NaiveCase] = [] };
            for (var run = 1; run <= runs; run++)
                foreach (var c in new[] { JobCase, NaiveCase })
                {
                    var copy = Path.Combine(Path.GetDirectoryName(template)!, $"members-{size}-run.db");
                    File.Copy(template, copy, overwrite: true);
                    var result = ChildRuns.Run([Verb, "--db", copy, "--chunk", chunk.ToString(), "--case", c], c);
                    foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(copy + suffix);
                    results[size][c].Add(result);
                    Console.Error.WriteLine($"  {size:N0} run {run} {c}: {result.Seconds:F2} s");
                }
        }
        Report.PrintMemberReview(results);
    }

    private static Task<CaseResult> RunCaseAsync(string benchCase, string connectionString, int chunk) => benchCase switch
    {
        JobCase => RunJobAsync(connectionString, chunk),
        NaiveCase => CaseTimer.TimeAsync(() => LoadAllAndSaveOnceAsync(connectionString)),
        _ => throw new ArgumentException($"Unknown case '{benchCase}'."),
    };

    /// <summary>The job as the portal runs it: a queued execution that a worker claims and runs chunk by chunk.</summary>
    private static async Task<CaseResult> RunJobAsync(string connectionString, int chunk)
    {
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddDbContextFactory<PartnerOfficeDbContext>(o => o.UsePartnerOfficeSqlite(connectionString))
            .AddJobEngine(o => { o.ConnectionString = connectionString; o.WorkerCount = 1; })
            .AddJob<MemberReviewJob>();
        services.AddOptions<MemberReviewOptions>().Configure(o => o.ChunkSize = chunk);
        await using var provider = services.BuildServiceProvider();
        var repository = provider.GetRequiredService<JobRepository>();
        await repository.MigrateAsync();
        var workers = provider.GetServices<IHostedService>().ToList();
        foreach (var worker in workers) await worker.StartAsync(CancellationToken.None);
        try
        {
            return await CaseTimer.TimeAsync(async () =>
            {
                var ended = new TaskCompletionSource<JobEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
                using var subscription = provider.GetRequiredService<IJobEvents>().Subscribe(e =>
                {
                    if (e.Status is JobStatus.Completed or JobStatus.Failed) ended.TrySetResult(e);
                });
                var execution = await provider.GetRequiredService<IJobLauncher>().EnqueueAsync(MemberReviewJob.JobName, JobParameters.Empty);
                var end = await ended.Task;
                if (end.Status != JobStatus.Completed) throw new InvalidOperationException($"The review ended {end.Status}: {end.Error}");
                var steps = await repository.GetStepExecutionsAsync(execution.Id);
                return (steps.Sum(s => s.WriteCount), 0L);
            });
        }
        finally
        {
            foreach (var worker in workers) await worker.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The way the source material warns against: every waiting member in memory, tracked, saved at once.</summary>
    private static async Task<(long Rows, long Bytes)> LoadAllAndSaveOnceAsync(string connectionString)
    {
        await using var db = new PartnerOfficeDbContext(new DbContextOptionsBuilder<PartnerOfficeDbContext>().UsePartnerOfficeSqlite(connectionString).Options);
        var now = DateTime.UtcNow;
        var cutoff = now - new MemberReviewOptions().WaitingPeriod;
        var members = await db.Members.Where(m => m.Status == MemberStatus.Waiting && m.SignedUpAt < cutoff).ToListAsync();
        foreach (var member in members)
        {
            member.Status = MemberStatus.Completed;
            member.ReviewedAt = now;
        }
        await db.SaveChangesAsync();
        return (members.Count, 0);
    }

    /// <summary>A migrated database holding one partner and N members, all waiting since long before any cutoff; reused when it exists.</summary>
    private static async Task<string> EnsureTemplateAsync(int members)
    {
        var file = Path.Combine(Path.GetTempPath(), "partneroffice-bench", $"members-{members}.db");
        var connectionString = SqliteDatabase.ConnectionStringFor(file);
        if (File.Exists(file) && await WaitingAsync(connectionString) == members) return file;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        await using (var db = new PartnerOfficeDbContext(new DbContextOptionsBuilder<PartnerOfficeDbContext>().UsePartnerOfficeSqlite(connectionString).Options))
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO Partners (Code, Name, CreatedAt) VALUES ('BENCH', 'Benchmark', '2026-01-01 00:00:00');
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {members})
                INSERT INTO Members (PartnerId, Email, Name, Status, SignedUpAt)
                SELECT 1, 'member' || i || '@bench.example', 'Member ' || i, 'Waiting', '2026-01-01 00:00:00' FROM n;
                """);
        }
        SqliteConnection.ClearAllPools(); // the file alone is copied for each run: nothing may stay in a write-ahead log
        Console.WriteLine($"Made {file} with {members:N0} waiting members.");
        return file;
    }

    private static async Task<long> WaitingAsync(string connectionString)
    {
        await using var connection = await SqliteDatabase.OpenAsync(connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Members WHERE Status = 'Waiting'";
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
