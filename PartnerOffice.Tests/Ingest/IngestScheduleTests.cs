using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerOffice.App.Hosting;
using PartnerOffice.Ingest;
using PartnerOffice.Jobs.Scheduling;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Ingest;

/// <summary>The ingest fires every minute of weekdays 08:00–18:59 in the marketplace's zone, read by the engine's own schedule types.</summary>
public sealed class IngestScheduleTests
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    private static DateTime SeoulToUtc(int year, int month, int day, int hour, int minute, int second = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified), Seoul);

    [Fact]
    public void A_week_holds_sixty_fires_an_hour_from_8_to_18_on_each_weekday_in_seoul()
    {
        // Monday 2026-01-05 00:00 in Seoul to the Monday after.
        var fires = JobSchedule.NextFires(IngestOptions.DefaultCron, "Asia/Seoul", SeoulToUtc(2026, 1, 5, 0, 0).AddTicks(-1), 10_000)
            .Where(f => f < SeoulToUtc(2026, 1, 12, 0, 0)).Select(f => TimeZoneInfo.ConvertTimeFromUtc(f, Seoul)).ToList();

        Assert.Equal(5 * 11 * 60, fires.Count);
        Assert.All(fires, f => Assert.True(f.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && f.Hour is >= 8 and <= 18 && f.Second == 0, $"{f:O}"));
        Assert.Equal(new DateTime(2026, 1, 5, 8, 0, 0), fires[0]);
        Assert.Equal(new DateTime(2026, 1, 9, 18, 59, 0), fires[^1]);
    }

    [Theory]
    // Before the first fire of a Monday: 08:00.
    [InlineData("2026-01-05T07:59:59", "2026-01-05T08:00:00", "2026-01-05T08:01:00")]
    // The last minute of a weekday, then the next morning.
    [InlineData("2026-01-06T18:58:30", "2026-01-06T18:59:00", "2026-01-07T08:00:00")]
    // Friday evening: nothing until Monday 08:00.
    [InlineData("2026-01-09T18:59:00", "2026-01-12T08:00:00", "2026-01-12T08:01:00")]
    // Saturday noon.
    [InlineData("2026-01-10T12:00:00", "2026-01-12T08:00:00", "2026-01-12T08:01:00")]
    public void The_next_fires_skip_evenings_and_weekends(string seoulNow, string first, string second)
    {
        var now = TimeZoneInfo.ConvertTimeToUtc(DateTime.Parse(seoulNow), Seoul);
        var fires = JobSchedule.NextFires(IngestOptions.DefaultCron, "Asia/Seoul", now, 2).Select(f => TimeZoneInfo.ConvertTimeFromUtc(f, Seoul));
        Assert.Equal([DateTime.Parse(first), DateTime.Parse(second)], fires);
    }

    [Fact]
    public void The_hours_are_the_zones_own_monday_8_in_seoul_is_sunday_23_utc()
    {
        var sundayUtc = new DateTime(2026, 1, 4, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2026, 1, 4, 23, 0, 0), JobSchedule.NextFires(IngestOptions.DefaultCron, "Asia/Seoul", sundayUtc, 1)[0]);
        Assert.Equal(new DateTime(2026, 1, 5, 8, 0, 0), JobSchedule.NextFires(IngestOptions.DefaultCron, "UTC", sundayUtc, 1)[0]);
        // A zone with daylight saving keeps 08:00 local on both sides of the change (2026-03-08 in New York).
        var newYork = JobSchedule.NextFires(IngestOptions.DefaultCron, "America/New_York", new DateTime(2026, 3, 6, 12, 0, 0, DateTimeKind.Utc), 11 * 60 + 1);
        Assert.Equal(new DateTime(2026, 3, 9, 12, 0, 0), newYork[^1]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://127.0.0.1:1/")]
    public void The_schedule_is_declared_in_the_zone_configured_whether_the_feed_is_configured_or_not(string? baseUrl)
    {
        using var temp = new TempDirectory();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration["PartnerOffice:DataDirectory"] = temp.Path;
        builder.Configuration["PartnerOffice:Ingest:BaseUrl"] = baseUrl;
        builder.Configuration["PartnerOffice:Ingest:TimeZone"] = "Asia/Tokyo";
        builder.Logging.ClearProviders();
        builder.AddPartnerOfficeServices();

        var declared = builder.Services.Where(s => s.ImplementationInstance is JobScheduleDeclaration { JobName: MarketplaceIngestJob.JobName })
            .Select(s => (JobScheduleDeclaration)s.ImplementationInstance!).ToList();
        var schedule = Assert.Single(declared);
        Assert.Equal((IngestOptions.DefaultCron, "Asia/Tokyo"), (schedule.CronExpression, schedule.TimeZone));
    }
}
