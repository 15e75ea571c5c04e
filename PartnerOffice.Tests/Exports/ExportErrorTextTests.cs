using System.Globalization;
using PartnerOffice.App.Components.Pages.Exports;
using PartnerOffice.App.Localization;
using PartnerOffice.Exports;

namespace PartnerOffice.Tests.Exports;

public class ExportErrorTextTests
{
    private static readonly ExportErrorText English = ExportErrorText.All.For(CultureInfo.GetCultureInfo(PortalCultures.English));
    private static readonly ExportErrorText Korean = ExportErrorText.All.For(CultureInfo.GetCultureInfo(PortalCultures.Korean));

    public static TheoryData<ExportErrorKind> Kinds() => new(Enum.GetValues<ExportErrorKind>());

    private static ExportError Sample(ExportErrorKind kind) =>
        new("filters.status", kind) { Value = "Lost", Allowed = ["Pending", "Paid"], Limit = 366 };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_of_error_has_a_text_in_every_language(ExportErrorKind kind)
    {
        foreach (var name in PortalCultures.Supported)
            Assert.False(string.IsNullOrWhiteSpace(ExportErrorText.All.For(CultureInfo.GetCultureInfo(name)).Message(Sample(kind))), $"{kind} in {name}");

        // Korean users read Korean, not the English sentence copied over.
        Assert.Matches("[가-힣]", Korean.Message(Sample(kind)));
        Assert.NotEqual(English.Message(Sample(kind)), Korean.Message(Sample(kind)));
    }

    [Fact]
    public void Messages_carry_what_the_user_needs_to_fix_the_request()
    {
        var notADate = new ExportError("filters.to", ExportErrorKind.NotADate) { Value = "01/02/2026" };
        Assert.Equal("'01/02/2026' is not a date; use yyyy-MM-dd, e.g. 2026-01-31.", English.Message(notADate));
        Assert.Contains("yyyy-MM-dd", Korean.Message(notADate));

        var status = new ExportError("filters.status", ExportErrorKind.UnknownStatus) { Value = "Shipped", Allowed = ["Pending", "Paid"] };
        Assert.Equal("Unknown status 'Shipped'. Allowed: Pending, Paid.", English.Message(status));
        Assert.Equal("'Shipped' 상태는 없습니다. 사용할 수 있는 상태: Pending, Paid.", Korean.Message(status));

        var range = new ExportError("filters.to", ExportErrorKind.RangeTooLong) { Limit = 366 };
        Assert.Equal("The date range may span at most 366 days.", English.Message(range));
        Assert.Equal("기간은 최대 366일까지 지정할 수 있습니다.", Korean.Message(range));
    }
}
