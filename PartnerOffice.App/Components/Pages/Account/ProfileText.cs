namespace PartnerOffice.App.Components.Pages.Account;

/// <summary>Strings of the profile page: ProfileText.resx and its translations.</summary>
public sealed class ProfileText;
