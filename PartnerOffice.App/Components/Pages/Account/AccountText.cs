using PartnerOffice.App.Localization;

namespace PartnerOffice.App.Components.Pages.Account;

/// <summary>Strings of the sign-in and API token pages.</summary>
public sealed record AccountText
{
    public required string SignInTitle { get; init; }
    public required string SignInIntro { get; init; }
    public required string Email { get; init; }
    public required string Password { get; init; }
    public required string SignIn { get; init; }
    public required string WrongCredentials { get; init; }
    public required string LockedOut { get; init; }

    public required string TokensTitle { get; init; }
    public required string TokensIntro { get; init; }
    public required string TokenName { get; init; }
    public required string TokenNamePlaceholder { get; init; }
    public required string CreateToken { get; init; }
    public required string NewTokenTitle { get; init; }
    public required string NewTokenWarning { get; init; }
    public required string Copy { get; init; }
    public required string Copied { get; init; }
    public required string Done { get; init; }
    public required string Prefix { get; init; }
    public required string Created { get; init; }
    public required string LastUsed { get; init; }
    public required string Status { get; init; }
    public required string Active { get; init; }
    public required string Revoked { get; init; }
    public required string Never { get; init; }
    public required string Revoke { get; init; }
    public required string RevokeTitle { get; init; }
    public required Func<string, string> RevokeQuestion { get; init; }
    public required Func<string, string> RevokedNotice { get; init; }
    public required string Cancel { get; init; }
    public required string NoTokens { get; init; }

    public static readonly Translations<AccountText> All = new(
        english: new()
        {
            SignInTitle = "Sign in",
            SignInIntro = "The partner office for sellers: exports, download history and API access.",
            Email = "E-mail",
            Password = "Password",
            SignIn = "Sign in",
            WrongCredentials = "Wrong e-mail or password.",
            LockedOut = "This account is locked after too many failed sign-ins. Try again later.",
            TokensTitle = "API tokens",
            TokensIntro = "Scripts and CI servers call the HTTP API with a personal token in the header Authorization: Bearer <token>. A token acts as you; revoke it when it is no longer needed.",
            TokenName = "Token name",
            TokenNamePlaceholder = "e.g. nightly export script",
            CreateToken = "Create token",
            NewTokenTitle = "Your new API token",
            NewTokenWarning = "Copy it now: it is shown only once and cannot be recovered.",
            Copy = "Copy",
            Copied = "Copied to the clipboard.",
            Done = "Done",
            Prefix = "Starts with",
            Created = "Created",
            LastUsed = "Last used",
            Status = "Status",
            Active = "Active",
            Revoked = "Revoked",
            Never = "Never",
            Revoke = "Revoke",
            RevokeTitle = "Revoke API token",
            RevokeQuestion = name => $"Scripts using \u201c{name}\u201d stop working at once. This cannot be undone.",
            RevokedNotice = name => $"\u201c{name}\u201d was revoked.",
            Cancel = "Cancel",
            NoTokens = "You have no API tokens yet.",
        },
        korean: new()
        {
            SignInTitle = "로그인",
            SignInIntro = "판매자를 위한 파트너 오피스: 데이터 내보내기, 다운로드 이력, API 연동.",
            Email = "이메일",
            Password = "비밀번호",
            SignIn = "로그인",
            WrongCredentials = "이메일 또는 비밀번호가 올바르지 않습니다.",
            LockedOut = "로그인 실패가 여러 번 반복되어 계정이 잠겼습니다. 잠시 후 다시 시도해 주세요.",
            TokensTitle = "API 토큰",
            TokensIntro = "스크립트와 CI 서버는 개인 토큰을 Authorization: Bearer <토큰> 헤더에 담아 HTTP API를 호출합니다. 토큰은 본인 권한으로 동작하므로, 더 이상 필요 없으면 폐기하세요.",
            TokenName = "토큰 이름",
            TokenNamePlaceholder = "예: 야간 내보내기 스크립트",
            CreateToken = "토큰 만들기",
            NewTokenTitle = "새 API 토큰",
            NewTokenWarning = "지금 복사해 두세요. 토큰은 한 번만 표시되며 다시 확인할 수 없습니다.",
            Copy = "복사",
            Copied = "클립보드에 복사했습니다.",
            Done = "확인",
            Prefix = "시작 문자",
            Created = "생성일",
            LastUsed = "최근 사용",
            Status = "상태",
            Active = "사용 중",
            Revoked = "폐기됨",
            Never = "없음",
            Revoke = "폐기",
            RevokeTitle = "API 토큰 폐기",
            RevokeQuestion = name => $"\u201c{name}\u201d 토큰을 쓰는 스크립트는 즉시 동작을 멈춥니다. 되돌릴 수 없습니다.",
            RevokedNotice = name => $"\u201c{name}\u201d 토큰을 폐기했습니다.",
            Cancel = "취소",
            NoTokens = "아직 API 토큰이 없습니다.",
        });
}
