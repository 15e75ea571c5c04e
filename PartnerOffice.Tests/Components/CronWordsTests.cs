using PartnerOffice.App.Components.Pages.Jobs;
using PartnerOffice.App.Components.Pages.Schedules;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Components;

public class CronWordsTests
{
    private static readonly CronWords Words = new(PortalStrings.Localizer<JobsText>());

    [Theory]
    [InlineData("0 0/1 8-18 ? * MON-FRI", "Monday to Friday, every minute from 08:00 to 18:59", "월요일부터 금요일까지 08:00–18:59 매분")]
    [InlineData("0 0 * * * ?", "Every hour, on the hour", "매시 정각")]
    [InlineData("0 */15 * * * ?", "Every 15 minutes", "15분마다")]
    [InlineData("0 0 3 * * ?", "Every day, at 03:00", "매일 03:00")]
    [InlineData("0 30 9,18 ? * SAT,SUN", "On Sunday, Saturday, at 09:30, 18:30", "일요일, 토요일 09:30, 18:30")]
    [InlineData("0 0 6 1 * ?", "On day 1 of the month, at 06:00", "매월 1일 06:00")]
    [InlineData("0 0 0 L * ?", "On the last day of the month, at 00:00", "매월 말일 00:00")]
    [InlineData("0 0 0/6 * * ?", "Every 6 hours at minute 0", "6시간마다 0분")]
    [InlineData("0 0 12 1 JAN,JUL ?", "On day 1 of the month in January, July, at 12:00", "1월, 7월 매월 1일 12:00")]
    public void A_cron_expression_reads_as_a_sentence_in_english_and_in_korean(string cron, string english, string korean)
    {
        Assert.Equal(english, PortalStrings.In("en", () => Words.Describe(cron)!));
        Assert.Equal(korean, PortalStrings.In("ko", () => Words.Describe(cron)!));
    }

    [Theory]
    [InlineData("0 0 12 ? * 2#1")] // the first Monday: a shape the words do not cover
    [InlineData("15 0 * * * ?")] // at second 15
    [InlineData("0 0 12 15W * ?")]
    [InlineData("not cron")]
    public void A_shape_it_does_not_cover_gets_no_words_rather_than_wrong_ones(string cron) =>
        Assert.Null(PortalStrings.In("en", () => Words.Describe(cron)));
}
