using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartnerOffice.Data;
using PartnerOffice.Identity;

namespace PartnerOffice.App.Identity;

public sealed record CreatedApiToken(ApiToken Token, string Secret);

/// <summary>
/// Personal API tokens: <c>po_</c> + 32 random bytes in base64url. Only the SHA-256 of the secret is stored;
/// a high-entropy secret needs no slow hash, and a fast one keeps every API call cheap.
/// </summary>
public sealed class ApiTokens(IDbContextFactory<PartnerOfficeDbContext> dbFactory, TimeProvider clock, ILogger<ApiTokens> logger)
{
    private const string SecretPrefix = "po_";

    /// <summary>How stale a token's last-used time may get: a script calling every second writes once a minute, not every call.</summary>
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public async Task<CreatedApiToken> CreateAsync(int userId, string? name, CancellationToken cancellationToken = default)
    {
        name = string.IsNullOrWhiteSpace(name) ? "API token" : name.Trim();
        if (name.Length > 100) throw new ArgumentException("The token name must have at most 100 characters.", nameof(name));
        var secret = SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = new ApiToken
        {
            UserId = userId,
            Name = name,
            Prefix = secret[..10],
            SecretHash = Hash(secret),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiToken(token, secret);
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Revokes one of the user's own tokens; false when it is not theirs or does not exist.</summary>
    public async Task<bool> RevokeAsync(int userId, int tokenId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ApiTokens.Where(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken) == 1;
    }

    /// <summary>The user a live token belongs to, or null for an unknown or revoked one.</summary>
    public async Task<User?> AuthenticateAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal)) return null;
        var hash = Hash(secret);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var match = await db.ApiTokens.Where(t => t.SecretHash == hash && t.RevokedAt == null)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { t.Id, User = u })
            // An admin's lock or removal stops the user's scripts too, not only their browser.
            .Where(m => !m.User.Locked && m.User.RemovedAt == null)
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (match is null) return null;
        await RecordUseAsync(db, match.Id, cancellationToken);
        return match.User;
    }

    /// <summary>
    /// Best effort: a database that cannot write (a full disk, a long lock) must not turn every API call, reads
    /// included, into a failure. The use is recorded again on a later call.
    /// </summary>
    private async Task RecordUseAsync(PartnerOfficeDbContext db, int tokenId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var staleBefore = now - LastUsedPrecision;
        try
        {
            await db.ApiTokens.Where(t => t.Id == tokenId && (t.LastUsedAt == null || t.LastUsedAt < staleBefore))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }
        catch (Exception failure) when (failure is System.Data.Common.DbException or IOException)
        {
            logger.LogWarning("Could not record the use of API token {TokenId}: {Reason}", tokenId, failure.Message);
        }
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
