using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartnerOffice.Data;
using PartnerOffice.Identity;

namespace PartnerOffice.App.Identity;

/// <summary>The claim types a signed-in principal carries, whether it came from the cookie or an API token.</summary>
public static class PortalClaims
{
    public const string PartnerId = "partner_id";
    public const string PartnerCode = "partner_code";
    public const string PartnerName = "partner_name";
    public const string TimeZone = "time_zone";
}

/// <summary>
/// Turns a user row into the principal both authentication schemes sign in, so the cookie and a token
/// describe the same person the same way.
/// </summary>
public sealed class UserPrincipalFactory(IDbContextFactory<PartnerOfficeDbContext> dbFactory)
{
    public async Task<ClaimsPrincipal> CreateAsync(User user, string authenticationScheme, CancellationToken cancellationToken = default)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Email, user.Email),
            new(ClaimTypes.Role, user.Role.ToString()),
            new(PortalClaims.TimeZone, user.TimeZone),
        };
        if (user.PartnerId is { } partnerId)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var partner = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == partnerId, cancellationToken);
            claims.Add(new(PortalClaims.PartnerId, partner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            claims.Add(new(PortalClaims.PartnerCode, partner.Code));
            claims.Add(new(PortalClaims.PartnerName, partner.Name));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationScheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
