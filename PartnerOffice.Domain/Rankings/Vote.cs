namespace PartnerOffice.Rankings;

/// <summary>One vote of one voter for one item of a global vote event, cast in one region.</summary>
public sealed class Vote
{
    public long Id { get; set; }
    public required string EventId { get; set; }
    public required string Region { get; set; }
    public long ItemId { get; set; }
    public long VoterId { get; set; }
    public DateTime VotedAt { get; set; }
}
