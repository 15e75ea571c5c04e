using System.Globalization;
using PartnerOffice.App.Api;
using PartnerOffice.App.Identity;
using PartnerOffice.App.Localization;
using PartnerOffice.Exports;
using PartnerOffice.Jobs.Events;

namespace PartnerOffice.App.Components.Pages.Exports;

/// <summary>What the export pages and the export toast share: which job events a user may see, and how exports read.</summary>
public static class ExportViews
{
    /// <summary>
    /// Subscribes to events of export jobs that concern the user: their partner's (every partner's for an admin).
    /// Export jobs carry their partner's id as tenant, so one partner's progress never reaches another's circuits.
    /// Call it on the circuit: the handler runs in the circuit's culture.
    /// </summary>
    public static IDisposable SubscribeToExports(this IJobEvents events, CurrentUser user, Action<JobEvent> handler)
    {
        var partner = user.PartnerId?.ToString(CultureInfo.InvariantCulture);
        return events.SubscribeOnCircuit(e =>
        {
            if (e.JobName == ExportJob.Name && (user.IsAdmin || (partner is not null && e.Tenant == partner))) handler(e);
        });
    }

    public static bool IsInFlight(this ExportResponse export) =>
        export.Status is nameof(ExportStatus.Queued) or nameof(ExportStatus.Running);

    public static bool IsDownloadable(this ExportResponse export) => export.Status == nameof(ExportStatus.Completed);

    public static string DownloadUrl(this ExportResponse export) => $"/api/exports/{export.Id}/file";

    /// <summary>Time left, extrapolated from the rate so far; null until there is a rate to go by.</summary>
    public static TimeSpan? TimeLeft(this ExportResponse export, DateTime now)
    {
        if (export.Status != nameof(ExportStatus.Running) || export.StartedAt is not { } started
            || export.RowsProcessed <= 0 || export.RowsTotal is not { } total || total <= export.RowsProcessed) return null;
        var elapsed = now - started.UtcDateTime;
        return elapsed * ((double)(total - export.RowsProcessed) / export.RowsProcessed);
    }

    /// <summary>The filters as one line, e.g. <c>from 2026-01-01 · to 2026-03-31 · status Shipped</c>; null when there are none.</summary>
    public static string? FilterSummary(this ExportResponse export) =>
        export.Filters.Count == 0 ? null : string.Join(" · ", export.Filters.Select(f => $"{f.Key} {f.Value}"));

    public static string HumanSize(long? bytes)
    {
        if (bytes is not { } size) return "—";
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        var value = (double)size;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? $"{size:N0} B" : $"{value:0.#} {units[unit]}";
    }
}
