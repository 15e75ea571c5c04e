namespace PartnerOffice.App.Components.Pages.Rankings;

/// <summary>Strings of the vote rankings page: RankingsText.resx and its translations.</summary>
public sealed class RankingsText;
