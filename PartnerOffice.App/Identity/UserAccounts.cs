using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerOffice.Data;
using PartnerOffice.Identity;

namespace PartnerOffice.App.Identity;

public sealed class IdentityOptions
{
    public const string Section = "PartnerOffice:Identity";
    /// <summary>Failed sign-ins in a row before the account is locked.</summary>
    public int MaxFailedSignIns { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}

public enum SignInResult { Succeeded, Failed, LockedOut }

/// <summary>How a password change ended; <see cref="ConfirmationDiffers"/> is the profile form's own check, made before any other.</summary>
public enum PasswordChangeResult { Changed, WrongCurrentPassword, LockedOut, TooShort, SameAsCurrent, ConfirmationDiffers }

/// <summary>Creating users, checking and changing passwords (with lockout after repeated failures), storing their preferences.</summary>
public sealed class UserAccounts(
    IDbContextFactory<PartnerOfficeDbContext> dbFactory,
    IPasswordHasher<User> hasher,
    Microsoft.Extensions.Options.IOptions<IdentityOptions> options,
    TimeProvider clock)
{
    /// <summary>The one rule a password must meet, whether set when the user is created or changed on the profile.</summary>
    public const int MinPasswordLength = 8;

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    public async Task<User> CreateAsync(string email, string password, UserRole role, string? partnerCode, string? displayName = null,
        string timeZone = "Asia/Seoul", CancellationToken cancellationToken = default)
    {
        email = email.Trim();
        if (!email.Contains('@') || email.Length > 256) throw new ArgumentException($"'{email}' is not an e-mail address.", nameof(email));
        if (password.Length < MinPasswordLength) throw new ArgumentException($"The password must have at least {MinPasswordLength} characters.", nameof(password));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        int? partnerId = null;
        if (role == UserRole.PartnerUser)
        {
            if (string.IsNullOrWhiteSpace(partnerCode)) throw new ArgumentException("A partner user needs a partner.", nameof(partnerCode));
            partnerId = await db.Partners.Where(p => p.Code == partnerCode).Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken)
                ?? throw new ArgumentException($"There is no partner with code '{partnerCode}'.", nameof(partnerCode));
        }
        else if (!string.IsNullOrWhiteSpace(partnerCode))
            throw new ArgumentException("An admin is not bound to a partner.", nameof(partnerCode));

        var normalized = Normalize(email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
            throw new ArgumentException($"A user with e-mail '{email}' exists already.", nameof(email));
        var user = new User
        {
            Email = email,
            NormalizedEmail = normalized,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email.Split('@')[0] : displayName,
            PasswordHash = "",
            Role = role,
            PartnerId = partnerId,
            TimeZone = timeZone,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    /// <summary>Checks a password; counts failures and locks the account after too many in a row.</summary>
    public async Task<(SignInResult Result, User? User)> CheckPasswordAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = Normalize(email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        // A removed user's e-mail answers as an unknown one does.
        if (user is null || user.RemovedAt is not null)
        {
            // Spend the same work as a real check so response times do not reveal which e-mails exist.
            hasher.HashPassword(new User { Email = "", NormalizedEmail = "", DisplayName = "", PasswordHash = "" }, password);
            return (SignInResult.Failed, null);
        }
        var result = await VerifyAsync(db, user, password, cancellationToken);
        return (result, result == SignInResult.Succeeded ? user : null);
    }

    /// <summary>
    /// Changes a signed-in user's password once their current one is checked like a sign-in: a wrong one counts
    /// towards the lockout, so the form cannot be used to guess it.
    /// </summary>
    public async Task<(PasswordChangeResult Result, User? User)> ChangePasswordAsync(int userId, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        // Checked before the current password, so a new one that breaks the rule costs no failed attempt.
        if (newPassword.Length < MinPasswordLength) return (PasswordChangeResult.TooShort, null);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        switch (await VerifyAsync(db, user, currentPassword, cancellationToken))
        {
            case SignInResult.LockedOut: return (PasswordChangeResult.LockedOut, null);
            case SignInResult.Failed: return (PasswordChangeResult.WrongCurrentPassword, null);
        }
        if (newPassword == currentPassword) return (PasswordChangeResult.SameAsCurrent, null);
        user.PasswordHash = hasher.HashPassword(user, newPassword);
        await db.SaveChangesAsync(cancellationToken);
        return (PasswordChangeResult.Changed, user);
    }

    /// <summary>Checks the password of a tracked user row; counts failures and locks the account after too many in a row.</summary>
    private async Task<SignInResult> VerifyAsync(PartnerOfficeDbContext db, User user, string password, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        // Checked after the hash, so a locked account takes as long to answer as any other.
        if (user.Locked || user.LockedUntil > now) return SignInResult.LockedOut;
        if (verdict == PasswordVerificationResult.Failed)
        {
            user.FailedSignInCount++;
            var locked = user.FailedSignInCount >= options.Value.MaxFailedSignIns;
            if (locked)
            {
                user.LockedUntil = now + options.Value.LockoutDuration;
                user.FailedSignInCount = 0;
            }
            await db.SaveChangesAsync(cancellationToken);
            return locked ? SignInResult.LockedOut : SignInResult.Failed;
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded) user.PasswordHash = hasher.HashPassword(user, password);
        user.FailedSignInCount = 0;
        user.LockedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        return SignInResult.Succeeded;
    }

    /// <summary>Whether the user may act at all: not removed, and not locked by an admin.</summary>
    public async Task<bool> IsActiveAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(u => u.Id == userId && !u.Locked && u.RemovedAt == null, cancellationToken);
    }

    /// <summary>Stores a user's time zone and language; the caller has checked both.</summary>
    public async Task<User> SetPreferencesAsync(int userId, string timeZone, string language, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        user.TimeZone = timeZone;
        user.Language = language;
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }
}
