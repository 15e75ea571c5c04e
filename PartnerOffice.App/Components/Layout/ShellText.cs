namespace PartnerOffice.App.Components.Layout;

/// <summary>Strings of the shell (header, navigation, error and not-found pages): ShellText.resx and its translations.</summary>
public sealed class ShellText;
