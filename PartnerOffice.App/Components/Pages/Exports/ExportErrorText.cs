using PartnerOffice.App.Localization;
using PartnerOffice.Exports;

namespace PartnerOffice.App.Components.Pages.Exports;

/// <summary>
/// The wording of export request errors in every shipped language: the pages show the user's, the HTTP API always
/// the English one. The English here is the only English wording of these errors: the domain reports them as data,
/// so that a sentence is decided in one table per language and never twice.
/// </summary>
public sealed record ExportErrorText
{
    public required Func<ExportError, string> Message { get; init; }

    // A new kind without a text fails the test that words every kind in every language (the default arm throws).
    public static readonly Translations<ExportErrorText> All = new(
        english: new()
        {
            Message = e => e.Kind switch
            {
                ExportErrorKind.MissingDataset => $"Choose a dataset: {Names(e)}.",
                ExportErrorKind.UnknownDataset => $"Unknown dataset '{e.Value}'. Choose one of: {Names(e)}.",
                ExportErrorKind.MissingFormat => $"Choose a format: {Names(e)}.",
                ExportErrorKind.UnknownFormat => $"Unknown format '{e.Value}'. Choose one of: {Names(e)}.",
                ExportErrorKind.UnknownFilter => $"Unknown filter '{e.Value}'. Allowed: {Names(e)}.",
                ExportErrorKind.NoFilters => "This dataset has no filters.",
                ExportErrorKind.NotADate => $"'{e.Value}' is not a date; use {ExportFilters.DateFormat}, e.g. 2026-01-31.",
                ExportErrorKind.UnknownStatus => $"Unknown status '{e.Value}'. Allowed: {Names(e)}.",
                ExportErrorKind.CategoryTooLong => $"A category has at most {e.Limit} characters.",
                ExportErrorKind.FromAfterTo => "The start date is after the end date.",
                ExportErrorKind.RangeTooLong => $"The date range may span at most {e.Limit} days.",
                ExportErrorKind.MissingPartner => "An admin must name the partner whose data to export.",
                ExportErrorKind.UnknownPartner => $"There is no partner '{e.Value}'.",
                _ => throw new ArgumentOutOfRangeException(nameof(e), e.Kind, "No English text for this kind."),
            },
        },
        // Values are quoted before a fixed noun ("'x' 형식은"), so no particle has to agree with what the user typed.
        korean: new()
        {
            Message = e => e.Kind switch
            {
                ExportErrorKind.MissingDataset => $"데이터를 선택하세요: {Names(e)}.",
                ExportErrorKind.UnknownDataset => $"'{e.Value}' 데이터는 없습니다. 다음 중 하나를 선택하세요: {Names(e)}.",
                ExportErrorKind.MissingFormat => $"형식을 선택하세요: {Names(e)}.",
                ExportErrorKind.UnknownFormat => $"'{e.Value}' 형식은 지원하지 않습니다. 다음 중 하나를 선택하세요: {Names(e)}.",
                ExportErrorKind.UnknownFilter => $"'{e.Value}' 조건은 사용할 수 없습니다. 사용할 수 있는 조건: {Names(e)}.",
                ExportErrorKind.NoFilters => "이 데이터에는 조건을 지정할 수 없습니다.",
                ExportErrorKind.NotADate => $"'{e.Value}' 값은 날짜가 아닙니다. {ExportFilters.DateFormat} 형식으로 입력하세요(예: 2026-01-31).",
                ExportErrorKind.UnknownStatus => $"'{e.Value}' 상태는 없습니다. 사용할 수 있는 상태: {Names(e)}.",
                ExportErrorKind.CategoryTooLong => $"카테고리는 최대 {e.Limit}자까지 입력할 수 있습니다.",
                ExportErrorKind.FromAfterTo => "시작일이 종료일보다 늦습니다.",
                ExportErrorKind.RangeTooLong => $"기간은 최대 {e.Limit}일까지 지정할 수 있습니다.",
                ExportErrorKind.MissingPartner => "관리자는 데이터를 내보낼 파트너의 코드를 입력해야 합니다.",
                ExportErrorKind.UnknownPartner => $"'{e.Value}' 코드의 파트너가 없습니다.",
                _ => throw new ArgumentOutOfRangeException(nameof(e), e.Kind, "No Korean text for this kind."),
            },
        });

    private static string Names(ExportError error) => string.Join(", ", error.Allowed);
}
