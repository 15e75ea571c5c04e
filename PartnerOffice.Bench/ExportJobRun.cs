using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerOffice.Data;
using PartnerOffice.Exports;
using PartnerOffice.Exports.Formats;
using PartnerOffice.Exports.Storage;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Sqlite;

namespace PartnerOffice.Bench;

/// <summary>
/// One export as the portal runs it, end to end: the request stored with its queued job execution, a worker
/// claims it, the partitioned export job writes and merges the parts, the file goes to the store, the history
/// row is completed. Only the web layer is left out.
/// </summary>
internal static class ExportJobRun
{
    private const string BenchUser = "bench@partneroffice.example";

    public static async Task<(long Rows, long Bytes)> RunAsync(string connectionString, int partnerId, ExportFormat format,
        int partitions, string workDirectory, IFileStore store)
    {
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddDbContextFactory<PartnerOfficeDbContext>(o => o.UsePartnerOfficeSqlite(connectionString))
            .AddJobEngine(o => { o.ConnectionString = connectionString; o.WorkerCount = 1; })
            .AddJob(ExportJob.Name, ExportJob.Define)
            .AddSingleton(store)
            .AddSingleton<ExportService>();
        services.AddOptions<ExportOptions>().Configure(o => { o.WorkDirectory = Path.Combine(workDirectory, "work"); o.Partitions = partitions; });
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<JobRepository>().MigrateAsync();
        var caller = new ExportCaller(await EnsureBenchUserAsync(connectionString), BenchUser, partnerId, IsAdmin: false);

        var workers = provider.GetServices<IHostedService>().ToList();
        foreach (var worker in workers) await worker.StartAsync(CancellationToken.None);
        try
        {
            var ended = new TaskCompletionSource<JobEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var subscription = provider.GetRequiredService<IJobEvents>().Subscribe(e =>
            {
                if (e.Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled) ended.TrySetResult(e);
            });
            var result = await provider.GetRequiredService<ExportService>().RequestAsync(caller, new ExportRequestSpec("orders", format.Name));
            var end = await ended.Task;
            if (end.Status != JobStatus.Completed) throw new InvalidOperationException($"The export ended {end.Status}: {end.Error}");
            var export = await provider.GetRequiredService<ExportService>().GetAsync(caller, result.Export!.Id);
            return (export!.RowCount ?? 0, export.SizeBytes ?? 0);
        }
        finally
        {
            foreach (var worker in workers) await worker.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<int> EnsureBenchUserAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO Users (Email, NormalizedEmail, DisplayName, PasswordHash, Role, TimeZone, FailedSignInCount, CreatedAt)
            VALUES ($email, upper($email), 'Benchmark', '-', 'Admin', 'UTC', 0, '2026-01-01 00:00:00');
            SELECT Id FROM Users WHERE NormalizedEmail = upper($email);
            """;
        command.Parameters.AddWithValue("$email", BenchUser);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }
}
