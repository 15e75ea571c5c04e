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
/// Exports as a running portal makes them, end to end: the request stored with its queued job execution, a worker
/// claims it, the partitioned export job writes and merges the parts, the file goes to the store, the history row is
/// completed. Only the web layer is left out. The engine is started once, as a portal's is before anyone exports;
/// an export is timed from its request to its completion, what a partner waits for.
/// </summary>
internal sealed class ExportJobRun : IAsyncDisposable
{
    private const string BenchUser = "bench@partneroffice.example";

    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _workers;
    private readonly ExportCaller _caller;

    private ExportJobRun(ServiceProvider provider, List<IHostedService> workers, ExportCaller caller) =>
        (_provider, _workers, _caller) = (provider, workers, caller);

    /// <summary>The engine and the export feature on <paramref name="database"/>, with work files and the store under <paramref name="directory"/>.</summary>
    public static async Task<ExportJobRun> StartAsync(DatabaseConnection database, int partnerId, int partitions, string directory)
    {
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(database)
            .AddSingleton<IDbContextFactory<PartnerOfficeDbContext>>(PartnerOfficeDbContext.FactoryFor(database))
            .AddJobEngine(o => { o.Provider = database.Provider; o.ConnectionString = database.ConnectionString; o.WorkerCount = 1; })
            .AddSingleton<AuditTrail>()
            .AddExports()
            .AddSingleton<IFileStore>(new LocalFileStore(Path.Combine(directory, "store")));
        services.AddOptions<ExportOptions>().Configure(o => { o.WorkDirectory = Path.Combine(directory, "work"); o.Partitions = partitions; });
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<JobRepository>().MigrateAsync();
        var caller = new ExportCaller(await EnsureBenchUserAsync(provider.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>()), BenchUser, partnerId, IsAdmin: false);
        var workers = provider.GetServices<IHostedService>().ToList();
        foreach (var worker in workers) await worker.StartAsync(CancellationToken.None);
        return new ExportJobRun(provider, workers, caller);
    }

    /// <summary>One export, requested and waited for: its rows and file size.</summary>
    public async Task<(long Rows, long Bytes)> ExportAsync(ExportFormat format, IReadOnlyDictionary<string, string?>? filters = null)
    {
        var exports = _provider.GetRequiredService<ExportService>();
        var ended = new TaskCompletionSource<JobEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = _provider.GetRequiredService<IJobEvents>().Subscribe(e =>
        {
            if (e.Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled) ended.TrySetResult(e);
        });
        var result = await exports.RequestAsync(_caller, new ExportRequestSpec("orders", format.Name, filters));
        var end = await ended.Task;
        if (end.Status != JobStatus.Completed) throw new InvalidOperationException($"The export ended {end.Status}: {end.Error}");
        var export = await exports.GetAsync(_caller, result.Export!.Id);
        return (export!.RowCount ?? 0, export.SizeBytes ?? 0);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers) await worker.StopAsync(CancellationToken.None);
        await _provider.DisposeAsync();
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
