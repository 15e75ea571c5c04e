namespace PartnerOffice.App.Components.Pages.Dashboard;

/// <summary>Strings of the home page's dashboards: HomeText.resx and its translations.</summary>
public sealed class HomeText;
