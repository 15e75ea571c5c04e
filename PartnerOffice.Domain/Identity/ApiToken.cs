namespace PartnerOffice.Identity;

/// <summary>
/// A personal API token. The secret is shown once; only its SHA-256 hash is stored, and the prefix
/// (not secret) lets the user tell tokens apart in the list.
/// </summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string SecretHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
