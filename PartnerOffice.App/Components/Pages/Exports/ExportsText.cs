namespace PartnerOffice.App.Components.Pages.Exports;

/// <summary>Strings of the exports and history pages, the export parts of the home page and the export toasts: ExportsText.resx and its translations.</summary>
public sealed class ExportsText;
