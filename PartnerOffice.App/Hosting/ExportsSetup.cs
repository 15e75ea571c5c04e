using Microsoft.Extensions.Options;
using PartnerOffice.App.Storage;
using PartnerOffice.Exports;
using PartnerOffice.Exports.Storage;
using PartnerOffice.Jobs.Launching;

namespace PartnerOffice.App.Hosting;

/// <summary>The export feature: options, the file store (local folder or S3), the export job and the file cleanup.</summary>
public static class ExportsSetup
{
    public const string FileStoreSection = "PartnerOffice:FileStore";

    public static IHostApplicationBuilder AddPartnerOfficeExports(this IHostApplicationBuilder builder)
    {
        var dataDirectory = DatabaseSetup.ResolveDataDirectory(builder.Configuration, builder.Environment);
        builder.Services.AddOptions<ExportOptions>().Bind(builder.Configuration.GetSection(ExportOptions.Section)).PostConfigure(o =>
        {
            if (string.IsNullOrWhiteSpace(o.WorkDirectory)) o.WorkDirectory = Path.Combine(dataDirectory, "work");
        });

        var store = builder.Configuration.GetSection(FileStoreSection);
        if (string.Equals(store["Kind"], "S3", StringComparison.OrdinalIgnoreCase))
        {
            var s3 = store.GetSection("S3").Get<S3StorageOptions>() ?? new S3StorageOptions();
            builder.Services.AddSingleton<IFileStore>(sp => new S3FileStore(s3, sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            var folder = Path.GetFullPath(Path.Combine(dataDirectory, store["LocalDirectory"] ?? "files"));
            builder.Services.AddSingleton<IFileStore>(new LocalFileStore(folder));
        }

        builder.Services.AddSingleton<ExportService>();
        builder.Services.AddJob(ExportJob.Name, ExportJob.Define);
        builder.Services.AddHostedService<ExpiredExportCleanup>();
        return builder;
    }

    /// <summary>Deletes expired export files every hour (and once at start-up).</summary>
    private sealed class ExpiredExportCleanup(ExportService exports, TimeProvider clock, ILogger<ExpiredExportCleanup> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
            do
            {
                try
                {
                    var deleted = await exports.DeleteExpiredFilesAsync(stoppingToken);
                    if (deleted > 0) logger.LogInformation("Deleted {Count} expired export files", deleted);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Expired export cleanup failed; it runs again in an hour");
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
    }
}
