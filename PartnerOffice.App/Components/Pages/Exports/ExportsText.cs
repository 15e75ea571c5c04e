using PartnerOffice.App.Localization;

namespace PartnerOffice.App.Components.Pages.Exports;

/// <summary>Strings of the exports and history pages and of the export toast.</summary>
public sealed record ExportsText
{
    public required string ExportsTitle { get; init; }
    public required string ExportsIntro { get; init; }
    public required string HistoryTitle { get; init; }
    public required string HistoryIntro { get; init; }
    public required string Partner { get; init; }
    public required string PartnerPlaceholder { get; init; }
    public required string Dataset { get; init; }
    public required string Format { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string Status { get; init; }
    public required string AnyStatus { get; init; }
    public required string Category { get; init; }
    public required string Request { get; init; }
    public required string Requested { get; init; }
    public required string AlreadyRunning { get; init; }
    public required string RecentExports { get; init; }
    public required string NoExports { get; init; }
    public required string Filters { get; init; }
    public required string NoFilters { get; init; }
    public required string Progress { get; init; }
    public required string Rows { get; init; }
    public required string Size { get; init; }
    public required string RequestedAt { get; init; }
    public required string Expires { get; init; }
    public required string Download { get; init; }
    public required string Rerequest { get; init; }
    public required string Delete { get; init; }
    public required string DeleteTitle { get; init; }
    public required string DeleteQuestion { get; init; }
    public required string Deleted { get; init; }
    public required string Cancel { get; init; }
    public required string Keep { get; init; }
    public required string CancelTitle { get; init; }
    public required string CancelQuestion { get; init; }
    public required Func<long, long?, string> RowsOf { get; init; }
    public required Func<TimeSpan, string> TimeLeft { get; init; }
    public required Func<string, string> DatasetName { get; init; }
    public required Func<string, string> StatusName { get; init; }
    public required Func<string, string> Ready { get; init; }
    public required Func<string, string> Failed { get; init; }

    public static readonly Translations<ExportsText> All = new(
        english: new()
        {
            ExportsTitle = "Exports",
            ExportsIntro = "Export your data as Excel, CSV or JSON. Exports run on the server: you may close the page and come back.",
            HistoryTitle = "Download history",
            HistoryIntro = "Your partner's exports. Files are kept for a limited time; request an expired one again with one click.",
            Partner = "Partner code",
            PartnerPlaceholder = "e.g. HANBIT",
            Dataset = "Dataset",
            Format = "Format",
            From = "From",
            To = "To",
            Status = "Status",
            AnyStatus = "Any status",
            Category = "Category",
            Request = "Request export",
            Requested = "Your export was requested.",
            AlreadyRunning = "The same export is already queued or running.",
            RecentExports = "Recent exports",
            NoExports = "No exports yet.",
            Filters = "Filters",
            NoFilters = "All rows",
            Progress = "Progress",
            Rows = "Rows",
            Size = "Size",
            RequestedAt = "Requested",
            Expires = "Expires",
            Download = "Download",
            Rerequest = "Request again",
            Delete = "Delete",
            DeleteTitle = "Delete export",
            DeleteQuestion = "The export leaves the history and its file is deleted. This cannot be undone.",
            Deleted = "The export was deleted.",
            Cancel = "Cancel",
            Keep = "Keep running",
            CancelTitle = "Cancel export",
            CancelQuestion = "The export stops and its file is not produced.",
            RowsOf = (done, total) => total is { } t ? $"{done:N0} of {t:N0} rows" : $"{done:N0} rows",
            TimeLeft = left => left < TimeSpan.FromMinutes(1) ? "less than a minute left" : $"about {Math.Ceiling(left.TotalMinutes):N0} min left",
            DatasetName = name => name switch
            {
                "orders" => "Orders",
                "order-lines" => "Order lines",
                "settlements" => "Settlements",
                "products" => "Products",
                "members" => "Members",
                _ => name,
            },
            StatusName = status => status,
            Ready = dataset => $"Your {dataset.ToLowerInvariant()} export is ready.",
            Failed = dataset => $"Your {dataset.ToLowerInvariant()} export failed.",
        },
        korean: new()
        {
            ExportsTitle = "내보내기",
            ExportsIntro = "데이터를 Excel, CSV, JSON 파일로 내보냅니다. 내보내기는 서버에서 실행되므로 페이지를 닫았다가 다시 와도 됩니다.",
            HistoryTitle = "다운로드 이력",
            HistoryIntro = "파트너의 내보내기 목록입니다. 파일은 일정 기간만 보관되며, 만료된 내보내기는 한 번에 다시 요청할 수 있습니다.",
            Partner = "파트너 코드",
            PartnerPlaceholder = "예: HANBIT",
            Dataset = "데이터",
            Format = "형식",
            From = "시작일",
            To = "종료일",
            Status = "상태",
            AnyStatus = "모든 상태",
            Category = "카테고리",
            Request = "내보내기 요청",
            Requested = "내보내기를 요청했습니다.",
            AlreadyRunning = "같은 내보내기가 이미 대기 중이거나 실행 중입니다.",
            RecentExports = "최근 내보내기",
            NoExports = "아직 내보내기가 없습니다.",
            Filters = "조건",
            NoFilters = "전체",
            Progress = "진행률",
            Rows = "행 수",
            Size = "크기",
            RequestedAt = "요청일",
            Expires = "만료일",
            Download = "다운로드",
            Rerequest = "다시 요청",
            Delete = "삭제",
            DeleteTitle = "내보내기 삭제",
            DeleteQuestion = "이력에서 삭제되고 파일도 지워집니다. 되돌릴 수 없습니다.",
            Deleted = "내보내기를 삭제했습니다.",
            Cancel = "취소",
            Keep = "계속 실행",
            CancelTitle = "내보내기 취소",
            CancelQuestion = "내보내기가 중단되고 파일은 만들어지지 않습니다.",
            RowsOf = (done, total) => total is { } t ? $"{t:N0}행 중 {done:N0}행" : $"{done:N0}행",
            TimeLeft = left => left < TimeSpan.FromMinutes(1) ? "1분 이내 남음" : $"약 {Math.Ceiling(left.TotalMinutes):N0}분 남음",
            DatasetName = name => name switch
            {
                "orders" => "주문",
                "order-lines" => "주문 상품",
                "settlements" => "정산",
                "products" => "상품",
                "members" => "회원",
                _ => name,
            },
            StatusName = status => status switch
            {
                "Queued" => "대기",
                "Running" => "실행 중",
                "Completed" => "완료",
                "Failed" => "실패",
                "Cancelled" => "취소됨",
                "Expired" => "만료됨",
                _ => status,
            },
            Ready = dataset => $"{dataset} 내보내기가 준비되었습니다.",
            Failed = dataset => $"{dataset} 내보내기가 실패했습니다.",
        });
}
