using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace PartnerOffice.App.Identity;

/// <summary>Checks a password (with lockout) and, when it is right, issues the portal's sign-in cookie.</summary>
public sealed class CookieSignIn(UserAccounts accounts, UserPrincipalFactory principals)
{
    public async Task<SignInResult> SignInAsync(HttpContext http, string email, string password)
    {
        var (result, user) = await accounts.CheckPasswordAsync(email, password, http.RequestAborted);
        if (result == SignInResult.Succeeded)
        {
            var principal = await principals.CreateAsync(user!, CookieAuthenticationDefaults.AuthenticationScheme, http.RequestAborted);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        }
        return result;
    }

    public Task SignOutAsync(HttpContext http) => http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
}
