namespace PartnerOffice.Rankings;

/// <summary>
/// Turns regional tallies into rankings. Within a region each item scores its share of the region's votes, so every
/// region weighs the same in the global ranking however many people vote there; the global score is the sum of the
/// shares (docs/rankings.md has the formula and a worked example).
/// </summary>
public static class RankingNormaliser
{
    /// <summary>Each item's share of its region's votes; a region without votes has no shares.</summary>
    public static IReadOnlyDictionary<long, double> Shares(RegionTally region)
    {
        var total = region.Items.Sum(i => i.Votes);
        return total == 0 ? new Dictionary<long, double>() : region.Items.ToDictionary(i => i.ItemId, i => (double)i.Votes / total);
    }

    /// <summary>The region's own ranking: its items by their share of its votes.</summary>
    public static IReadOnlyList<RankedItem> RankRegion(RegionTally region)
    {
        var shares = Shares(region);
        return RankedItem.Ranked(region.Items.Where(i => shares.ContainsKey(i.ItemId)).Select(i => (i.ItemId, shares[i.ItemId], i.Votes)));
    }

    /// <summary>The global ranking: per item, the sum of its shares over the regions (in region order, so the sum is reproducible).</summary>
    public static IReadOnlyList<RankedItem> RankGlobal(IEnumerable<RegionTally> regions)
    {
        var scores = new Dictionary<long, (double Score, long Votes)>();
        foreach (var region in regions.OrderBy(r => r.Region, StringComparer.Ordinal))
        {
            var shares = Shares(region);
            foreach (var item in region.Items.Where(i => shares.ContainsKey(i.ItemId)))
            {
                var (score, votes) = scores.GetValueOrDefault(item.ItemId);
                scores[item.ItemId] = (score + shares[item.ItemId], votes + item.Votes);
            }
        }
        return RankedItem.Ranked(scores.Select(s => (s.Key, s.Value.Score, s.Value.Votes)));
    }
}
