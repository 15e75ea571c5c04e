using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using PartnerOffice.App.Localization;
using PartnerOffice.Audit;
using PartnerOffice.Identity;

namespace PartnerOffice.App.Identity;

/// <summary>Checks a password (with lockout) and, when it is right, issues the portal's sign-in cookie.</summary>
public sealed class CookieSignIn(UserAccounts accounts, UserPrincipalFactory principals, AuditTrail audit)
{
    /// <param name="returnTo">Where the browser goes once signed in: a local URL, already made safe for a Location header.</param>
    public async Task<SignInResult> SignInAsync(HttpContext http, string email, string password, string returnTo)
    {
        var (result, user) = await accounts.CheckPasswordAsync(email, password, http.RequestAborted);
        var address = http.Connection.RemoteIpAddress?.ToString();
        if (result != SignInResult.Succeeded)
            await audit.RecordAsync(new AuditActor(null, email.Trim(), address), AuditAction.SignInFailed,
                detail: result == SignInResult.LockedOut ? "locked" : "wrong e-mail or password");
        else
        {
            await audit.RecordAsync(new AuditActor(user!.Id, user.Email, address), AuditAction.SignedIn, partnerId: user.PartnerId);
            // Given explicitly, so the cookie handler does not copy the raw returnUrl of the login page into the Location header.
            await IssueAsync(http, user!, new AuthenticationProperties { RedirectUri = returnTo });
            // The language the user chose on their profile follows them to any browser they sign in on.
            if (PortalCultures.IsSupported(user!.Language)) PortalCultures.Remember(http.Response, user.Language!);
        }
        return result;
    }

    /// <summary>
    /// Replaces the signed-in user's cookie with one made from their row as it is now: the claims (time zone, name)
    /// are copied into the cookie at sign-in, so a change shows on the next page only once the cookie is issued again.
    /// </summary>
    public Task ReissueAsync(HttpContext http, User user) => IssueAsync(http, user, new AuthenticationProperties());

    public Task SignOutAsync(HttpContext http) => http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);

    private async Task IssueAsync(HttpContext http, User user, AuthenticationProperties properties)
    {
        var principal = await principals.CreateAsync(user, CookieAuthenticationDefaults.AuthenticationScheme, http.RequestAborted);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, properties);
    }
}
