using PartnerOffice.App.Localization;

namespace PartnerOffice.App.Components.Layout;

/// <summary>Strings of the shell: header, navigation, and the error, not-found and no-access pages.</summary>
public sealed record ShellText
{
    public required string ProductName { get; init; }
    public required string ToggleNavigation { get; init; }
    public required string Home { get; init; }
    public required string Exports { get; init; }
    public required string History { get; init; }
    public required string ApiTokens { get; init; }
    public required string Administration { get; init; }
    public required string Jobs { get; init; }
    public required string Schedules { get; init; }
    public required string PlatformAdmin { get; init; }
    public required string SignOut { get; init; }
    public required string Language { get; init; }
    public required Func<string, string> Welcome { get; init; }
    public required string HomeIntro { get; init; }
    public required string UnexpectedError { get; init; }
    public required string Reload { get; init; }
    public required string ErrorTitle { get; init; }
    public required string ErrorText { get; init; }
    public required Func<string, string> ErrorReference { get; init; }
    public required string NotFoundTitle { get; init; }
    public required string NotFoundText { get; init; }
    public required string AccessDeniedTitle { get; init; }
    public required string AccessDeniedText { get; init; }
    public required string BackHome { get; init; }

    public static readonly Translations<ShellText> All = new(
        english: new()
        {
            ProductName = "PartnerOffice",
            ToggleNavigation = "Show or hide navigation",
            Home = "Home",
            Exports = "Exports",
            History = "Download history",
            ApiTokens = "API tokens",
            Administration = "Administration",
            Jobs = "Jobs",
            Schedules = "Schedules",
            PlatformAdmin = "Platform operator",
            SignOut = "Sign out",
            Language = "Language",
            Welcome = name => $"Welcome, {name}",
            HomeIntro = "Request exports of your data, follow their progress and download the files again whenever you need them.",
            UnexpectedError = "Something went wrong on this page.",
            Reload = "Reload",
            ErrorTitle = "Something went wrong",
            ErrorText = "The request could not be completed. Please try again; if it keeps happening, tell the platform team.",
            ErrorReference = id => $"Reference: {id}",
            NotFoundTitle = "Page not found",
            NotFoundText = "There is no page at this address. It may have moved, or the link may be mistyped.",
            AccessDeniedTitle = "No access",
            AccessDeniedText = "Your account does not have permission to open this page.",
            BackHome = "Back to the start page",
        },
        korean: new()
        {
            ProductName = "PartnerOffice",
            ToggleNavigation = "메뉴 열기/닫기",
            Home = "홈",
            Exports = "내보내기",
            History = "다운로드 이력",
            ApiTokens = "API 토큰",
            Administration = "관리",
            Jobs = "작업",
            Schedules = "스케줄",
            PlatformAdmin = "플랫폼 운영자",
            SignOut = "로그아웃",
            Language = "언어",
            Welcome = name => $"{name}님, 환영합니다",
            HomeIntro = "데이터 내보내기를 요청하고, 진행 상황을 확인하고, 필요할 때마다 파일을 다시 내려받으세요.",
            UnexpectedError = "이 페이지에서 문제가 발생했습니다.",
            Reload = "새로 고침",
            ErrorTitle = "문제가 발생했습니다",
            ErrorText = "요청을 처리하지 못했습니다. 다시 시도해 주세요. 계속 발생하면 플랫폼 팀에 알려 주세요.",
            ErrorReference = id => $"참조 번호: {id}",
            NotFoundTitle = "페이지를 찾을 수 없습니다",
            NotFoundText = "이 주소에는 페이지가 없습니다. 페이지가 옮겨졌거나 주소가 잘못 입력되었을 수 있습니다.",
            AccessDeniedTitle = "접근 권한 없음",
            AccessDeniedText = "이 계정에는 이 페이지를 열 권한이 없습니다.",
            BackHome = "시작 페이지로",
        });
}
