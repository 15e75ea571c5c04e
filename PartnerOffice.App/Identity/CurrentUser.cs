using System.Globalization;
using System.Reflection;
using System.Security.Claims;
using PartnerOffice.Audit;
using PartnerOffice.Exports;
using PartnerOffice.Identity;

namespace PartnerOffice.App.Identity;

/// <summary>
/// The signed-in user as the portal sees it. Endpoints take it as a parameter (bound from the request's
/// principal); components receive it as a cascading parameter from the layout.
/// </summary>
public sealed record CurrentUser(int Id, string Email, string Name, UserRole Role, int? PartnerId, string? PartnerCode, string? PartnerName, string TimeZone)
{
    public bool IsAdmin => Role == UserRole.Admin;

    /// <summary>The client's IP address, for the audit trail: the request's, or in a circuit the one of the request that opened it.</summary>
    public string? SourceAddress { get; init; }

    /// <summary>This user as the export service's caller (the API and the export pages act alike).</summary>
    public ExportCaller AsExportCaller() => new(Id, Email, PartnerId, IsAdmin, SourceAddress);

    public AuditActor AsAuditActor() => new(Id, Email, SourceAddress);

    /// <summary>The user a principal describes, or null when it is anonymous.</summary>
    public static CurrentUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id) return null;
        return new CurrentUser(
            int.Parse(id, CultureInfo.InvariantCulture),
            principal.FindFirstValue(ClaimTypes.Email) ?? "",
            principal.FindFirstValue(ClaimTypes.Name) ?? "",
            Enum.Parse<UserRole>(principal.FindFirstValue(ClaimTypes.Role)!),
            principal.FindFirstValue(PortalClaims.PartnerId) is { } partnerId ? int.Parse(partnerId, CultureInfo.InvariantCulture) : null,
            principal.FindFirstValue(PortalClaims.PartnerCode),
            principal.FindFirstValue(PortalClaims.PartnerName),
            principal.FindFirstValue(PortalClaims.TimeZone) ?? "UTC");
    }

    /// <summary>Minimal API binding: an endpoint declares a <c>CurrentUser</c> parameter; sign-in is required before it runs.</summary>
    public static ValueTask<CurrentUser?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult(From(context.User) is { } user ? user with { SourceAddress = context.Connection.RemoteIpAddress?.ToString() } : null);
}
