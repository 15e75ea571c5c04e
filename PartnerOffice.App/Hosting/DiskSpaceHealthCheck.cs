using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace PartnerOffice.App.Hosting;

/// <summary>
/// Free space where the database, the export work files and the local file store live. Low space is Degraded, not
/// Unhealthy: the portal still serves reads and downloads, but exports will fail until an operator frees space.
/// </summary>
public sealed class DiskSpaceHealthCheck(IConfiguration configuration, IHostEnvironment environment, IOptions<PartnerOfficeOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var directory = DatabaseSetup.ResolveDataDirectory(configuration, environment);
        var freeMegabytes = new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace / (1024 * 1024);
        var minimum = options.Value.MinFreeDiskMegabytes;
        var data = new Dictionary<string, object> { ["freeMegabytes"] = freeMegabytes, ["minimumMegabytes"] = minimum };
        return Task.FromResult(freeMegabytes < minimum
            ? HealthCheckResult.Degraded($"Only {freeMegabytes} MB free on the data disk (at least {minimum} MB wanted): exports may fail.", data: data)
            : HealthCheckResult.Healthy($"{freeMegabytes} MB free on the data disk.", data));
    }
}
