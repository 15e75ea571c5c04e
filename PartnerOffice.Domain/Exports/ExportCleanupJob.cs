using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Jobs.Definition;

namespace PartnerOffice.Exports;

/// <summary>Deletes the files of exports past their retention; scheduled hourly (<see cref="ExportOptions.CleanupCron"/>).</summary>
public static class ExportCleanupJob
{
    public const string Name = "export-cleanup";

    public static void Define(JobBuilder job) => job
        .Step("delete-expired-files", step => step.Tasklet((context, cancellationToken) =>
            context.Services.GetRequiredService<ExportService>().DeleteExpiredFilesAsync(cancellationToken)));
}
