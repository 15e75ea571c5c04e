using Microsoft.Extensions.Localization;
using PartnerOffice.Audit;

namespace PartnerOffice.App.Components.Pages.Audit;

/// <summary>Strings of the audit trail page: AuditText.resx and its translations.</summary>
public sealed class AuditText;

public static class AuditTextExtensions
{
    public static string ActionName(this IStringLocalizer<AuditText> text, AuditAction action) => text["Action" + action];
}
