using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.App.Identity;
using PartnerOffice.Exports;
using PartnerOffice.Identity;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Launching;

namespace PartnerOffice.Tests.Support;

/// <summary>
/// A portal without workers, so every export it is asked for stays queued and the rows are exactly those a test made.
/// Component tests render against its real services (<see cref="AddTo"/>); share one per test class.
/// </summary>
public sealed class QueuedExportsPortal : IAsyncLifetime
{
    public PortalHost Portal { get; private set; } = default!;

    public ExportService Exports => Portal.Services.GetRequiredService<ExportService>();

    public CurrentUser Admin { get; private set; } = default!;

    /// <summary>김민준 of HANBIT.</summary>
    public CurrentUser Kim { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Portal = await PortalHost.StartAsync(configure: builder => builder.Configuration["PartnerOffice:Jobs:WorkerCount"] = "0");
        var hanbit = (await Exports.PartnersAsync()).Single(p => p.Code == "HANBIT");
        Admin = new CurrentUser(await Portal.UserIdAsync(PortalHost.Admin), PortalHost.Admin.Email, PortalHost.Admin.Name, UserRole.Admin, null, null, null, "UTC");
        Kim = new CurrentUser(await Portal.UserIdAsync(PortalHost.Kim), PortalHost.Kim.Email, PortalHost.Kim.Name, UserRole.PartnerUser,
            hanbit.Id, hanbit.Code, hanbit.Name, "UTC");
    }

    /// <summary>Requests an export for <paramref name="user"/> (an admin names the partner); it stays queued.</summary>
    public async Task<ExportRequest> RequestAsync(CurrentUser user, string dataset, string? partner = null, string format = "csv",
        Dictionary<string, string?>? filters = null)
    {
        var result = await Exports.RequestAsync(user.AsExportCaller(), new ExportRequestSpec(dataset, format, filters ?? []), partner);
        return result.Export ?? throw new InvalidOperationException($"{dataset} was refused: {string.Join(", ", result.Errors.Select(e => e.Kind))}");
    }

    /// <summary>Registers what the export components inject: the portal's export service, job events and operator, and its clock.</summary>
    public void AddTo(IServiceCollection services)
    {
        services.AddSingleton(Exports);
        services.AddSingleton(Portal.Services.GetRequiredService<IJobEvents>());
        services.AddSingleton(Portal.Services.GetRequiredService<IJobOperator>());
        services.AddSingleton(Portal.Services.GetRequiredService<PartnerOffice.Audit.OperatorActions>());
        services.AddSingleton(Portal.Services.GetRequiredService<PartnerOffice.Audit.AuditTrail>());
        services.AddSingleton(Portal.Services.GetRequiredService<TimeProvider>());
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}
