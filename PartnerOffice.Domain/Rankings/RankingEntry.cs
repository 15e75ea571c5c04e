namespace PartnerOffice.Rankings;

/// <summary>A row of a ranking kept in the database (the store when no Redis is configured).</summary>
public sealed class RankingEntry
{
    public required string EventId { get; set; }
    /// <summary><see cref="RankingScope.Global"/> or a region code.</summary>
    public required string Scope { get; set; }
    public long ItemId { get; set; }
    public int Rank { get; set; }
    public double Score { get; set; }
    public long Votes { get; set; }
    public DateTime LoadedAt { get; set; }
}
