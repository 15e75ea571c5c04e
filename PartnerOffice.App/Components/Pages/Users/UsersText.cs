namespace PartnerOffice.App.Components.Pages.Users;

/// <summary>Strings of the users and partners page: UsersText.resx and its translations.</summary>
public sealed class UsersText;
