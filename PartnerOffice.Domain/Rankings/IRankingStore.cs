namespace PartnerOffice.Rankings;

/// <summary>
/// Where a deployment's API reads rankings from: a Redis sorted set per ranking when Redis is configured, the database
/// otherwise. The pull job replaces a ranking whole, so a reader sees the old one or the new one.
/// </summary>
public interface IRankingStore
{
    Task ReplaceAsync(string eventId, string scope, IReadOnlyList<RankedItem> ranking, CancellationToken cancellationToken = default);

    /// <summary>The ranking in rank order, or null when none has been loaded.</summary>
    Task<IReadOnlyList<RankedItem>?> GetAsync(string eventId, string scope, CancellationToken cancellationToken = default);

    /// <summary>The events that have a global ranking, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListEventsAsync(CancellationToken cancellationToken = default);
}
