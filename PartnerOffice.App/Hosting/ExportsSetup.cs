using Microsoft.Extensions.Options;
using PartnerOffice.App.Storage;
using PartnerOffice.Exports;
using PartnerOffice.Exports.Storage;
using PartnerOffice.Jobs.Launching;

namespace PartnerOffice.App.Hosting;

/// <summary>The export feature: options, the file store (local folder or S3), the export job and the scheduled file cleanup.</summary>
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

        builder.Services.AddExports();
        var cleanupCron = builder.Configuration.GetSection(ExportOptions.Section).Get<ExportOptions>()?.CleanupCron ?? new ExportOptions().CleanupCron;
        builder.Services.AddJobSchedule(ExportCleanupJob.Name, job: ExportCleanupJob.Name, cron: cleanupCron);
        return builder;
    }
}
