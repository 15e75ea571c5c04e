namespace PartnerOffice.Identity;

public enum UserRole { Admin, PartnerUser }

/// <summary>
/// A person who signs in. Partner users are bound to one partner and see only its data; admins see all.
/// </summary>
public sealed class User
{
    public int Id { get; set; }
    public required string Email { get; set; }
    /// <summary>Upper-cased e-mail, for case-insensitive unique lookup.</summary>
    public required string NormalizedEmail { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    public UserRole Role { get; set; }
    public int? PartnerId { get; set; }
    /// <summary>IANA time zone id used to show times to this user.</summary>
    public string TimeZone { get; set; } = "Asia/Seoul";
    /// <summary>Two-letter code of the language the user chose for the portal; null until they choose, so the browser's language applies.</summary>
    public string? Language { get; set; }
    public int FailedSignInCount { get; set; }
    /// <summary>Set by repeated failed sign-ins; the account opens again by itself at this time.</summary>
    public DateTime? LockedUntil { get; set; }
    /// <summary>Set by an admin: no sign-in and no API call until an admin unlocks the account.</summary>
    public bool Locked { get; set; }
    /// <summary>When an admin removed the user. The row stays, so their exports and the audit trail keep saying who it was.</summary>
    public DateTime? RemovedAt { get; set; }
    public DateTime CreatedAt { get; set; }
}
