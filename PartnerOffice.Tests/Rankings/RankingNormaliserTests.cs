using PartnerOffice.Rankings;

namespace PartnerOffice.Tests.Rankings;

/// <summary>The normalisation of docs/rankings.md on its worked example: three regions whose sizes differ by a factor of 500.</summary>
public sealed class RankingNormaliserTests
{
    // KR: 10,000 votes; JP: 1,000; NA: 20.
    private static readonly RegionTally Kr = new("KR", [new(1, 5_000, 4_000), new(2, 3_000, 2_500), new(3, 2_000, 1_900)]);
    private static readonly RegionTally Jp = new("JP", [new(2, 500, 450), new(3, 400, 380), new(4, 100, 90)]);
    private static readonly RegionTally Na = new("NA", [new(4, 15, 15), new(1, 5, 5)]);

    [Fact]
    public void Each_region_weighs_the_same_however_many_vote_there()
    {
        var global = RankingNormaliser.RankGlobal([Kr, Jp, Na]);

        // By hand: item 4 = 100/1,000 + 15/20 = 0.10 + 0.75 = 0.85; item 2 = 3,000/10,000 + 500/1,000 = 0.30 + 0.50 = 0.80;
        // item 1 = 5,000/10,000 + 5/20 = 0.50 + 0.25 = 0.75; item 3 = 2,000/10,000 + 400/1,000 = 0.20 + 0.40 = 0.60.
        Assert.Equal([4L, 2L, 1L, 3L], global.Select(r => r.ItemId));
        Assert.Equal([1, 2, 3, 4], global.Select(r => r.Rank));
        Assert.Equal([0.85, 0.80, 0.75, 0.60], global.Select(r => Math.Round(r.Score, 12)));
        Assert.Equal([115L, 3_500L, 5_005L, 2_400L], global.Select(r => r.Votes));
        // A plain sum of votes would have put KR's favourite first and NA's last.
        Assert.Equal(1L, global.MaxBy(r => r.Votes)!.ItemId);
    }

    [Fact]
    public void A_regions_own_ranking_is_its_items_by_share_and_a_region_without_votes_adds_nothing()
    {
        var na = RankingNormaliser.RankRegion(Na);
        Assert.Equal([(4L, 0.75), (1L, 0.25)], na.Select(r => (r.ItemId, r.Score)));

        var silent = new RegionTally("TW", [new(9, 0, 0)]);
        Assert.Empty(RankingNormaliser.RankRegion(silent));
        Assert.Equal(RankingNormaliser.RankGlobal([Kr, Jp, Na]), RankingNormaliser.RankGlobal([Kr, Jp, Na, silent]));
    }

    [Fact]
    public void Equal_scores_rank_by_raw_votes_then_by_the_lower_item()
    {
        var ranked = RankedItem.Ranked([(7, 0.5, 10), (3, 0.5, 10), (5, 0.5, 20), (1, 0.25, 99)]);

        Assert.Equal([5L, 3L, 7L, 1L], ranked.Select(r => r.ItemId));
    }

    [Fact]
    public void Region_files_are_told_from_the_result_and_the_latest_of_each_region_is_chosen()
    {
        string[] keys =
        [
            "votes/e1/JP-202601050900.csv", "votes/e1/JP-202601051000.csv", "votes/e1/KR-202601042359.csv",
            "votes/e1/result-global.csv", "votes/e1/XX-202601051000.csv", "votes/e1/notes.txt",
        ];

        var latest = VoteFiles.LatestPerRegion(keys, region => region is "JP" or "KR");

        Assert.Equal(["votes/e1/JP-202601051000.csv", "votes/e1/KR-202601042359.csv"], latest.Select(f => f.Key));
        Assert.Null(VoteFiles.ParseRegionFile("votes/e1/result-global.csv"));
        Assert.True(VoteFiles.IsResultFile("votes/e1/result-global.csv"));
        Assert.Equal("votes/e1/KR-202601050907.csv", VoteFiles.RegionFile("e1", "KR", new DateTime(2026, 1, 5, 9, 7, 59, DateTimeKind.Utc)));
    }
}
