namespace PartnerOffice.App.Components.Shared;

/// <summary>How a status reads at a glance; each tone's colours meet 4.5:1 contrast (app.css, .po-status-*).</summary>
public enum StatusTone
{
    Neutral,
    Info,
    Success,
    Warning,
    Danger,
}
