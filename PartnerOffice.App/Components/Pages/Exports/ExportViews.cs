using System.Globalization;
using Microsoft.Extensions.Localization;
using PartnerOffice.App.Api;
using PartnerOffice.App.Components.Pages.Jobs;
using PartnerOffice.App.Components.Shared;
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
        export.Status is ExportStatus.Queued or ExportStatus.Running;

    /// <summary>In flight, or stopped by an operator: the partner may still give up on it.</summary>
    public static bool IsCancellable(this ExportResponse export) => export.IsInFlight() || export.Status == ExportStatus.Stopped;

    public static bool IsDownloadable(this ExportResponse export) => export.Status == ExportStatus.Completed;

    /// <summary>Anything that has ended, a finished file included (for fresh data); not one that may still resume.</summary>
    public static bool CanRequestAgain(this ExportResponse export) => !export.IsCancellable();

    /// <summary>
    /// Where a download link leads: the file itself, or for a file of personal data the page that asks why it is
    /// downloaded before handing it out.
    /// </summary>
    public static string DownloadUrl(this ExportResponse export) => export.HoldsPersonalData ? ReasonPageUrl(export.Id) : FileUrl(export.Id);

    public static string FileUrl(long exportId) => $"/api/exports/{exportId}/file";

    public static string ReasonPageUrl(long exportId) => $"/exports/{exportId}/download";

    /// <summary>Time left, extrapolated from the rate so far; null until there is a rate to go by.</summary>
    public static TimeSpan? TimeLeft(this ExportResponse export, DateTime now)
    {
        if (export.Status != ExportStatus.Running || export.StartedAt is not { } started
            || export.RowsProcessed <= 0 || export.RowsTotal is not { } total || total <= export.RowsProcessed) return null;
        var elapsed = now - started.UtcDateTime;
        return elapsed * ((double)(total - export.RowsProcessed) / export.RowsProcessed);
    }

    public static string DatasetName(this IStringLocalizer<ExportsText> T, string dataset) => dataset switch
    {
        "orders" => T["DatasetOrders"],
        "order-lines" => T["DatasetOrderLines"],
        "settlements" => T["DatasetSettlements"],
        "products" => T["DatasetProducts"],
        "members" => T["DatasetMembers"],
        _ => dataset,
    };

    /// <summary>A status as <see cref="ExportResponse.Status"/> reports it (Expired included), in the user's language.</summary>
    public static string StatusName(this IStringLocalizer<ExportsText> T, ExportStatus status) => status switch
    {
        ExportStatus.Queued => T["StatusQueued"],
        ExportStatus.Running => T["StatusRunning"],
        ExportStatus.Completed => T["StatusCompleted"],
        ExportStatus.Failed => T["StatusFailed"],
        ExportStatus.Cancelled => T["StatusCancelled"],
        ExportStatus.Expired => T["StatusExpired"],
        ExportStatus.Stopped => T["StatusStopped"],
        _ => status.ToString(),
    };

    public static StatusTone ToneOf(ExportStatus status) => status switch
    {
        ExportStatus.Completed => StatusTone.Success,
        ExportStatus.Failed => StatusTone.Danger,
        ExportStatus.Running => StatusTone.Info,
        ExportStatus.Stopped => StatusTone.Warning,
        _ => StatusTone.Neutral,
    };

    /// <summary>
    /// What the status alone does not tell: who held or ended it and whether a file will still come; null when the
    /// status says it all.
    /// </summary>
    public static string? StatusReason(this IStringLocalizer<ExportsText> T, ExportResponse export) => export.Status switch
    {
        ExportStatus.Stopped => T["StoppedByOperator"].Value,
        ExportStatus.Cancelled => export.ByOperator ? T["CancelledByOperator"] : T["NeverAFile"].Value,
        ExportStatus.Failed => T["FailedBecause", T.FailureText(export)],
        _ => null,
    };

    /// <summary>Why a failed export failed, in the user's language (an export failed by an older version says "internal").</summary>
    public static string FailureText(this IStringLocalizer<ExportsText> T, ExportResponse export) =>
        T[FailureKey(Enum.TryParse<ExportFailure>(export.Failure, out var failure) ? failure : ExportFailure.Internal)];

    /// <summary>The English wording of a failure, from the same table as the pages': what the HTTP API answers.</summary>
    public static string FailureInEnglish(ExportFailure failure) => Strings.GetString(FailureKey(failure), CultureInfo.InvariantCulture)!;

    private static readonly System.Resources.ResourceManager Strings = new(typeof(ExportsText).FullName!, typeof(ExportsText).Assembly);

    private static string FailureKey(ExportFailure failure) => $"Failure{failure}";

    /// <summary>Rows written so far, of how many when the total is known.</summary>
    public static string RowsText(this IStringLocalizer<ExportsText> T, ExportResponse export) =>
        export.RowsTotal is { } total ? T["RowsOf", export.RowsProcessed, total] : T["RowsDone", export.RowsProcessed];

    public static string TimeLeftText(this IStringLocalizer<ExportsText> T, TimeSpan left) =>
        left < TimeSpan.FromMinutes(1) ? T["LessThanAMinuteLeft"] : T["MinutesLeft", Math.Ceiling(left.TotalMinutes)];

    /// <summary>A dataset's name inside a sentence ("your orders export"); Korean has no case to change.</summary>
    public static string DatasetInSentence(this IStringLocalizer<ExportsText> T, string dataset) =>
        T.DatasetName(dataset).ToLower(CultureInfo.CurrentCulture);

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
        // A no-break space: a number never wraps away from its unit.
        return unit == 0 ? $"{size:N0}\u00A0B" : $"{value:0.#}\u00A0{units[unit]}";
    }
}
