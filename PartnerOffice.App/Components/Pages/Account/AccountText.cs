namespace PartnerOffice.App.Components.Pages.Account;

/// <summary>Strings of the sign-in and API token pages: AccountText.resx and its translations.</summary>
public sealed class AccountText;
