using PartnerOffice.App.Components.Shared;
using PartnerOffice.Ingest;

namespace PartnerOffice.App.Components.Pages.Ingest;

/// <summary>How the follow-ups page shows a status.</summary>
public static class FollowUpViews
{
    public static StatusTone ToneOf(FollowUpStatus status) => status switch
    {
        FollowUpStatus.Pending => StatusTone.Info,
        FollowUpStatus.Retrying => StatusTone.Warning,
        FollowUpStatus.Done => StatusTone.Success,
        _ => StatusTone.Danger,
    };
}
