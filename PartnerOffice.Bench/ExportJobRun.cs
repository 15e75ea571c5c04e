using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerOffice.Audit;
using PartnerOffice.Data;
using PartnerOffice.Exports;
using PartnerOffice.Exports.Formats;
using PartnerOffice.Exports.Storage;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Identity;
using PartnerOffice.Jobs.Database;

namespace PartnerOffice.Bench;

/// <summary>
/// One export as the portal runs it, end to end: the request stored with its queued job execution, a worker
/// claims it, the partitioned export job writes and merges the parts, the file goes to the store, the history
/// row is completed. Only the web layer is left out.
/// </summary>
internal static class ExportJobRun
{
    private const string BenchUser = "bench@partneroffice.example";

    public static async Task<(long Rows, long Bytes)> RunAsync(DatabaseConnection database, int partnerId, ExportFormat format,
        int partitions, string workDirectory, IFileStore store, IReadOnlyDictionary<string, string?>? filters = null)
    {
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(database)
            .AddSingleton<IDbContextFactory<PartnerOfficeDbContext>>(PartnerOfficeDbContext.FactoryFor(database))
            .AddJobEngine(o => { o.Provider = database.Provider; o.ConnectionString = database.ConnectionString; o.WorkerCount = 1; })
            .AddSingleton<AuditTrail>()
            .AddExports()
            .AddSingleton(store);
        services.AddOptions<ExportOptions>().Configure(o => { o.WorkDirectory = Path.Combine(workDirectory, "work"); o.Partitions = partitions; });
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<JobRepository>().MigrateAsync();
        var caller = new ExportCaller(await EnsureBenchUserAsync(provider.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>()), BenchUser, partnerId, IsAdmin: false);

        var workers = provider.GetServices<IHostedService>().ToList();
        foreach (var worker in workers) await worker.StartAsync(CancellationToken.None);
        try
        {
            var ended = new TaskCompletionSource<JobEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var subscription = provider.GetRequiredService<IJobEvents>().Subscribe(e =>
            {
                if (e.Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled) ended.TrySetResult(e);
            });
            var result = await provider.GetRequiredService<ExportService>().RequestAsync(caller, new ExportRequestSpec("orders", format.Name, filters));
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

    /// <summary>The user the bench's exports are requested by, added on first use (through EF, so on any engine).</summary>
    private static async Task<int> EnsureBenchUserAsync(IDbContextFactory<PartnerOfficeDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var normalized = BenchUser.ToUpperInvariant();
        if (await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (int?)u.Id).FirstOrDefaultAsync() is { } id) return id;
        var user = new User { Email = BenchUser, NormalizedEmail = normalized, DisplayName = "Benchmark", PasswordHash = "-", Role = UserRole.Admin, TimeZone = "UTC", CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }
}
