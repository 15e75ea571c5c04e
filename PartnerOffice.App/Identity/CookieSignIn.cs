using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace PartnerOffice.App.Identity;

/// <summary>Checks a password (with lockout) and, when it is right, issues the portal's sign-in cookie.</summary>
public sealed class CookieSignIn(UserAccounts accounts, UserPrincipalFactory principals)
{
    /// <param name="returnTo">Where the browser goes once signed in: a local URL, already made safe for a Location header.</param>
    public async Task<SignInResult> SignInAsync(HttpContext http, string email, string password, string returnTo)
    {
        var (result, user) = await accounts.CheckPasswordAsync(email, password, http.RequestAborted);
        if (result == SignInResult.Succeeded)
        {
            var principal = await principals.CreateAsync(user!, CookieAuthenticationDefaults.AuthenticationScheme, http.RequestAborted);
            // Given explicitly, so the cookie handler does not copy the raw returnUrl of the login page into the Location header.
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, new AuthenticationProperties { RedirectUri = returnTo });
        }
        return result;
    }

    public Task SignOutAsync(HttpContext http) => http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
}
