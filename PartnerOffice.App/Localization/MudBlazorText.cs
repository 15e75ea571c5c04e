using Microsoft.Extensions.Localization;
using MudBlazor;

namespace PartnerOffice.App.Localization;

/// <summary>
/// The words MudBlazor's components say themselves (pager, date picker, close buttons), in the portal's languages:
/// MudBlazor ships English only. The strings are in MudBlazorText.resx and its translations.
/// </summary>
public sealed class MudBlazorText(IStringLocalizer<MudBlazorText> strings) : MudLocalizer
{
    public override LocalizedString this[string key] => strings[key];

    public override LocalizedString this[string key, params object[] arguments] => strings[key, arguments];
}
