using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerOffice.Audit;
using PartnerOffice.Data;
using PartnerOffice.Identity;
using PartnerOffice.Retail;

namespace PartnerOffice.App.Identity;

/// <summary>A user as the admin's list shows them, with their partner's code and how many live API tokens they hold.</summary>
public sealed record UserSummary(int Id, string Email, string DisplayName, UserRole Role, string? PartnerCode, string? PartnerName,
    bool Locked, DateTime? LockedUntil, DateTime? RemovedAt, DateTime CreatedAt, int LiveTokens)
{
    public bool Active => !Locked && RemovedAt is null;
}

public sealed record PartnerSummary(int Id, string Code, string Name, int Users, DateTime CreatedAt);

/// <summary>
/// What an admin asked for, and the fields that stopped it (keyed by the API's field names), or the user or partner made.
/// <see cref="Password"/> is set when the portal chose the password: it is shown once, to be passed on to the user.
/// </summary>
public sealed record AdminCreation<T>(T? Created, IReadOnlyDictionary<string, string[]> Errors, string? Password = null) where T : class
{
    public bool Succeeded => Created is not null;

    /// <summary>Every refusal in one line, for the command line.</summary>
    public string ErrorText => string.Join(" ", Errors.Values.SelectMany(messages => messages));
}

/// <summary>How an admin's change to a user ended; the refusals say why, for a 409 or a toast.</summary>
public enum UserChange { Done, NotFound, Removed, LastAdmin, OwnAccount }

/// <summary>
/// Partners and users without a shell: create partners, create partner users and admins, reset passwords, lock, unlock
/// and remove users, see and revoke anyone's API tokens. Every change is audited. The last active admin can be
/// neither locked nor removed, and no admin can lock or remove themselves: the portal always keeps one way in.
/// </summary>
public sealed class UserAdministration(
    IDbContextFactory<PartnerOfficeDbContext> dbFactory,
    UserAccounts accounts,
    IPasswordHasher<User> hasher,
    AuditTrail audit,
    TimeProvider clock)
{
    /// <summary>Letters and digits a generated password draws from, without the ones people misread (0/O, 1/l/I).</summary>
    private const string PasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private const int GeneratedPasswordLength = 16;

    public async Task<IReadOnlyList<PartnerSummary>> PartnersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Partners.AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new PartnerSummary(p.Id, p.Code, p.Name, db.Users.Count(u => u.PartnerId == p.Id && u.RemovedAt == null), p.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<AdminCreation<Partner>> CreatePartnerAsync(AuditActor actor, string? code, string? name, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        code = code?.Trim().ToUpperInvariant() ?? "";
        name = name?.Trim() ?? "";
        if (code.Length is 0 or > 32 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            errors["code"] = ["The code must be 1 to 32 letters, digits, '-' or '_'."];
        if (name.Length is 0 or > 200) errors["name"] = ["The name must be 1 to 200 characters."];
        if (errors.Count > 0) return new(null, errors);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Partners.AnyAsync(p => p.Code == code, cancellationToken))
            return new(null, new Dictionary<string, string[]> { ["code"] = [$"A partner with code '{code}' exists already."] });
        var partner = new Partner { Code = code, Name = name, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Partners.Add(partner);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor, AuditAction.PartnerCreated, $"partner {code}", name, partner.Id, cancellationToken);
        return new(partner, new Dictionary<string, string[]>());
    }

    /// <summary>Every user, admins first, then by partner and e-mail; removed ones only when asked for.</summary>
    public async Task<IReadOnlyList<UserSummary>> UsersAsync(string? text = null, int? partnerId = null, bool includeRemoved = false,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = db.Users.AsNoTracking();
        if (!includeRemoved) users = users.Where(u => u.RemovedAt == null);
        if (partnerId is { } id) users = users.Where(u => u.PartnerId == id);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var needle = text.Trim().ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail.Contains(needle) || u.DisplayName.ToUpper().Contains(needle));
        }
        return await users
            .OrderBy(u => u.Role).ThenBy(u => u.PartnerId).ThenBy(u => u.NormalizedEmail)
            .Select(u => new UserSummary(u.Id, u.Email, u.DisplayName, u.Role,
                db.Partners.Where(p => p.Id == u.PartnerId).Select(p => p.Code).FirstOrDefault(),
                db.Partners.Where(p => p.Id == u.PartnerId).Select(p => p.Name).FirstOrDefault(),
                u.Locked, u.LockedUntil, u.RemovedAt, u.CreatedAt, db.ApiTokens.Count(t => t.UserId == u.Id && t.RevokedAt == null)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Creates a user. Without a password the portal chooses one and returns it once, for the admin to pass on (there is
    /// no mail channel to send an invitation through); the user changes it on their profile.
    /// </summary>
    public async Task<AdminCreation<User>> CreateUserAsync(AuditActor actor, string? email, UserRole role, string? partnerCode, string? displayName,
        string? password, CancellationToken cancellationToken = default)
    {
        var chosen = string.IsNullOrEmpty(password) ? GeneratePassword() : null;
        try
        {
            var user = await accounts.CreateAsync(email ?? "", password is { Length: > 0 } ? password : chosen!, role, partnerCode, displayName,
                cancellationToken: cancellationToken);
            await audit.RecordAsync(actor, AuditAction.UserCreated, $"user {user.Email}", role.ToString(), user.PartnerId, cancellationToken);
            return new(user, new Dictionary<string, string[]>(), chosen);
        }
        catch (ArgumentException refused) when (refused.ParamName is { } field)
        {
            // UserAccounts names the parameter it refused; the API calls the partner code "partner".
            var name = field == "partnerCode" ? "partner" : field;
            return new(null, new Dictionary<string, string[]> { [name] = [FirstSentence(refused.Message)] });
        }
    }

    /// <summary>Gives the user a new password chosen by the portal (returned once) and lifts a lockout from failed sign-ins.</summary>
    public async Task<(UserChange Result, string? Password)> ResetPasswordAsync(AuditActor actor, int userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null) return (UserChange.NotFound, null);
        if (user.RemovedAt is not null) return (UserChange.Removed, null);
        var password = GeneratePassword();
        user.PasswordHash = hasher.HashPassword(user, password);
        (user.FailedSignInCount, user.LockedUntil) = (0, null);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor, AuditAction.PasswordReset, $"user {user.Email}", partnerId: user.PartnerId, cancellationToken: cancellationToken);
        return (UserChange.Done, password);
    }

    /// <summary>Locks the account: no sign-in, no API call, and open sessions end within a minute (the cookie check).</summary>
    public Task<UserChange> LockAsync(AuditActor actor, int userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, userId, AuditAction.UserLocked, takesAccessAway: true, (user, _) =>
        {
            user.Locked = true;
            return Task.CompletedTask;
        }, cancellationToken);

    public Task<UserChange> UnlockAsync(AuditActor actor, int userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, userId, AuditAction.UserUnlocked, takesAccessAway: false, (user, _) =>
        {
            (user.Locked, user.LockedUntil, user.FailedSignInCount) = (false, null, 0);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Removes the user and revokes their tokens. The row stays, so their exports and the audit trail still name them.</summary>
    public Task<UserChange> RemoveAsync(AuditActor actor, int userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, userId, AuditAction.UserDeleted, takesAccessAway: true, async (user, db) =>
        {
            user.RemovedAt = clock.GetUtcNow().UtcDateTime;
            foreach (var token in await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null).ToListAsync(cancellationToken))
                token.RevokedAt = user.RemovedAt;
        }, cancellationToken);

    public async Task<IReadOnlyList<ApiToken>?> TokensAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken)) return null;
        return await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Revokes any user's live token; false when the user holds no such live token.</summary>
    public async Task<bool> RevokeTokenAsync(AuditActor actor, int userId, int tokenId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null, cancellationToken);
        if (token is null) return false;
        token.RevokedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        var owner = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        await audit.RecordAsync(actor, AuditAction.TokenRevoked, $"user {owner.Email}", $"token {token.Prefix}… ({token.Name})", owner.PartnerId, cancellationToken);
        return true;
    }

    private async Task<UserChange> ChangeAsync(AuditActor actor, int userId, AuditAction action, bool takesAccessAway,
        Func<User, PartnerOfficeDbContext, Task> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null) return UserChange.NotFound;
        if (user.RemovedAt is not null) return UserChange.Removed;
        if (takesAccessAway)
        {
            if (user.Id == actor.UserId) return UserChange.OwnAccount;
            if (user.Role == UserRole.Admin && !user.Locked
                && !await db.Users.AnyAsync(u => u.Role == UserRole.Admin && u.Id != user.Id && !u.Locked && u.RemovedAt == null, cancellationToken))
                return UserChange.LastAdmin;
        }
        await change(user, db);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor, action, $"user {user.Email}", partnerId: user.PartnerId, cancellationToken: cancellationToken);
        return UserChange.Done;
    }

    private static string GeneratePassword() => RandomNumberGenerator.GetString(PasswordAlphabet, GeneratedPasswordLength);

    /// <summary>An ArgumentException's message without the "(Parameter 'x')" the runtime appends.</summary>
    private static string FirstSentence(string message) => message.Split(" (Parameter", 2)[0];
}
