using PartnerOffice.App.Components.Pages.Exports;
using PartnerOffice.App.Localization;
using PartnerOffice.Exports;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Exports;

public class ExportErrorTextTests
{
    private static readonly Microsoft.Extensions.Localization.IStringLocalizer<ExportErrorText> Messages = PortalStrings.Localizer<ExportErrorText>();

    public static TheoryData<ExportErrorKind> Kinds() => new(Enum.GetValues<ExportErrorKind>());

    private static ExportError Sample(ExportErrorKind kind) =>
        new("filters.status", kind) { Value = "Lost", Allowed = ["Pending", "Paid"], Limit = 366 };

    private static string English(ExportError error) => PortalStrings.In(PortalCultures.English, () => Messages.Message(error));

    private static string Korean(ExportError error) => PortalStrings.In(PortalCultures.Korean, () => Messages.Message(error));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_of_error_has_a_text_in_every_language(ExportErrorKind kind)
    {
        foreach (var name in PortalCultures.Supported)
            Assert.False(string.IsNullOrWhiteSpace(PortalStrings.In(name, () => Messages.Message(Sample(kind)))), $"{kind} in {name}");

        // Korean users read Korean, not the English sentence copied over.
        Assert.Matches("[가-힣]", Korean(Sample(kind)));
        Assert.NotEqual(English(Sample(kind)), Korean(Sample(kind)));
    }

    [Fact]
    public void Messages_carry_what_the_user_needs_to_fix_the_request()
    {
        var notADate = new ExportError("filters.to", ExportErrorKind.NotADate) { Value = "01/02/2026" };
        Assert.Equal("'01/02/2026' is not a date; use yyyy-MM-dd, e.g. 2026-01-31.", English(notADate));
        Assert.Contains("yyyy-MM-dd", Korean(notADate));

        var status = new ExportError("filters.status", ExportErrorKind.UnknownStatus) { Value = "Shipped", Allowed = ["Pending", "Paid"] };
        Assert.Equal("Unknown status 'Shipped'. Allowed: Pending, Paid.", English(status));
        Assert.Equal("'Shipped' 상태는 없습니다. 사용할 수 있는 상태: Pending, Paid.", Korean(status));

        var range = new ExportError("filters.to", ExportErrorKind.RangeTooLong) { Limit = 366 };
        Assert.Equal("The date range may span at most 366 days; without a start or an end date it runs to or from today.", English(range));
        Assert.Equal("기간은 최대 366일까지 지정할 수 있습니다. 시작일이나 종료일이 없으면 오늘까지 또는 오늘부터로 계산합니다.", Korean(range));
    }
}
