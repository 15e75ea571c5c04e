using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Jobs.Launching;

namespace PartnerOffice.Exports;

/// <summary>
/// The export feature's services and jobs, registered once for every host that runs exports (the portal, the
/// benchmark, the tests): each needs the job engine, a file store, the business context and <see cref="ExportOptions"/>.
/// </summary>
public static class ExportsServiceCollectionExtensions
{
    public static IServiceCollection AddExports(this IServiceCollection services) => services
        .AddSingleton<ExportService>()
        .AddScoped<ExportJob.LoadedExport>()
        .AddJob(ExportJob.Name, ExportJob.Define)
        .AddJob(ExportCleanupJob.Name, ExportCleanupJob.Define);
}
