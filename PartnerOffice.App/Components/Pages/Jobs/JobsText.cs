namespace PartnerOffice.App.Components.Pages.Jobs;

/// <summary>Strings of the admin job pages (the executions list, one execution's detail, the schedules, the operator's actions): JobsText.resx and its translations.</summary>
public sealed class JobsText;
