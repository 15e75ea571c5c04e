using Microsoft.Extensions.Localization;
using PartnerOffice.Ingest;

namespace PartnerOffice.App.Components.Pages.Ingest;

/// <summary>Strings of the ingest follow-ups page: IngestText.resx and its translations.</summary>
public sealed class IngestText;

public static class IngestTextExtensions
{
    public static string StatusName(this IStringLocalizer<IngestText> text, FollowUpStatus status) => text["Status" + status];
}
