using Microsoft.EntityFrameworkCore;
using PartnerOffice.App.Localization;
using PartnerOffice.Data;
using PartnerOffice.Identity;

namespace PartnerOffice.App.Identity;

/// <summary>What the profile page shows: the user's row as stored, with their partner's code and name.</summary>
public sealed record UserProfile(string Name, string Email, UserRole Role, string? PartnerCode, string? PartnerName, string TimeZone, string? Language);

public enum PreferencesResult { Saved, UnknownTimeZone, UnknownLanguage }

/// <summary>The choices the time zone field offers: a few likely ones first, then every zone.</summary>
public sealed record TimeZoneMenu(IReadOnlyList<TimeZoneChoice> Suggested, IReadOnlyList<TimeZoneChoice> All);

/// <summary>
/// The signed-in user's own profile: preferences and password. Each change that succeeds issues the sign-in cookie
/// again, so every page shows the change at once; that needs the HTTP response, hence the <see cref="HttpContext"/>.
/// </summary>
public sealed class ProfileService(IDbContextFactory<PartnerOfficeDbContext> dbFactory, UserAccounts accounts, CookieSignIn signIn, TimeProvider clock)
{
    public async Task<UserProfile> GetAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new UserProfile(u.DisplayName, u.Email, u.Role,
                db.Partners.Where(p => p.Id == u.PartnerId).Select(p => p.Code).FirstOrDefault(),
                db.Partners.Where(p => p.Id == u.PartnerId).Select(p => p.Name).FirstOrDefault(),
                u.TimeZone, u.Language))
            .SingleAsync(cancellationToken);
    }

    public TimeZoneMenu TimeZones(string current)
    {
        var now = clock.GetUtcNow();
        return new TimeZoneMenu(TimeZoneChoices.Suggested(current, now), TimeZoneChoices.All(now));
    }

    /// <summary>Stores the time zone and language, issues the cookie again and switches this browser to the language.</summary>
    public async Task<PreferencesResult> SavePreferencesAsync(HttpContext http, int userId, string? timeZone, string? language)
    {
        if (!TimeZoneChoices.IsKnown(timeZone)) return PreferencesResult.UnknownTimeZone;
        if (!PortalCultures.IsSupported(language)) return PreferencesResult.UnknownLanguage;
        var user = await accounts.SetPreferencesAsync(userId, timeZone!, language!, http.RequestAborted);
        await signIn.ReissueAsync(http, user);
        PortalCultures.Remember(http.Response, language!);
        return PreferencesResult.Saved;
    }

    /// <summary>Changes the password once the confirmation matches and the current password is right; issues the cookie again.</summary>
    public async Task<PasswordChangeResult> ChangePasswordAsync(HttpContext http, int userId, string? currentPassword, string? newPassword, string? confirmation)
    {
        if (newPassword != confirmation) return PasswordChangeResult.ConfirmationDiffers;
        var (result, user) = await accounts.ChangePasswordAsync(userId, currentPassword ?? "", newPassword ?? "", http.RequestAborted);
        if (result == PasswordChangeResult.Changed) await signIn.ReissueAsync(http, user!);
        return result;
    }
}
