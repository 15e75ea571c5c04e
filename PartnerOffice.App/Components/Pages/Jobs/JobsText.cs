using PartnerOffice.App.Localization;
using PartnerOffice.Jobs;

namespace PartnerOffice.App.Components.Pages.Jobs;

/// <summary>Strings of the admin job pages: the executions list, one execution's detail, the schedules, and the operator's actions.</summary>
public sealed record JobsText
{
    public required string JobsTitle { get; init; }
    public required string JobsIntro { get; init; }
    public required string Execution { get; init; }
    public required string Job { get; init; }
    public required string AnyJob { get; init; }
    public required string Partner { get; init; }
    public required string RequestedBy { get; init; }
    public required string Status { get; init; }
    public required string AnyStatus { get; init; }
    public required string Progress { get; init; }
    public required string Requested { get; init; }
    public required string Started { get; init; }
    public required string Ended { get; init; }
    public required string Duration { get; init; }
    public required string Error { get; init; }
    public required string NoExecutions { get; init; }
    public required string AllJobs { get; init; }
    public required string Parameters { get; init; }
    public required string NoParameters { get; init; }
    public required string Runs { get; init; }
    public required string ExitDescription { get; init; }
    public required string Steps { get; init; }
    public required string NoSteps { get; init; }
    public required string Step { get; init; }
    public required string Read { get; init; }
    public required string Written { get; init; }
    public required string Commits { get; init; }
    public required string Rollbacks { get; init; }
    public required string Skipped { get; init; }
    public required string SkippedItems { get; init; }
    public required string Phase { get; init; }
    public required string Item { get; init; }
    public required string Reason { get; init; }
    public required string When { get; init; }
    public required string Restart { get; init; }
    public required string RestartQuestion { get; init; }
    public required string Stop { get; init; }
    public required string StopQuestion { get; init; }
    public required string Cancel { get; init; }
    public required string CancelQuestion { get; init; }
    public required string Abandon { get; init; }
    public required string AbandonQuestion { get; init; }
    public required string Back { get; init; }
    public required string SchedulesTitle { get; init; }
    public required string SchedulesIntro { get; init; }
    public required string Schedule { get; init; }
    public required string Cron { get; init; }
    public required string TimeZone { get; init; }
    public required string NextFire { get; init; }
    public required string LastFire { get; init; }
    public required string LastExecution { get; init; }
    public required string State { get; init; }
    public required string Paused { get; init; }
    public required string Active { get; init; }
    public required string NoSchedules { get; init; }
    public required string Pause { get; init; }
    public required string PauseQuestion { get; init; }
    public required string Resume { get; init; }
    public required string ResumeQuestion { get; init; }
    public required string RunNow { get; init; }
    public required string RunNowQuestion { get; init; }
    public required Func<string, string, string> ScheduleConfirmTitle { get; init; }
    public required Func<string, string> SchedulePaused { get; init; }
    public required Func<string, string> ScheduleResumed { get; init; }
    public required Func<string, long, string> ScheduleLaunched { get; init; }
    public required Func<string, string> ScheduleStillRunning { get; init; }
    public required Func<string, string> ScheduleGone { get; init; }
    public required Func<long, string> ExecutionTitle { get; init; }
    public required Func<string, long, string> ConfirmTitle { get; init; }
    public required Func<long, string, string> Moved { get; init; }
    public required Func<string, long, string, string> NotAllowed { get; init; }
    public required Func<long, long?, string> ProgressOf { get; init; }
    public required Func<TimeSpan, string> DurationOf { get; init; }
    public required Func<JobStatus, string> StatusName { get; init; }
    public required Func<StepStatus, string> StepStatusName { get; init; }
    public required Func<SkipPhase, string> PhaseName { get; init; }

    public static readonly Translations<JobsText> All = new(
        english: new()
        {
            JobsTitle = "Jobs",
            JobsIntro = "Every job execution of every partner, newest first. Open one to see its steps and why it failed; restart, stop or cancel it.",
            Execution = "Execution",
            Job = "Job",
            AnyJob = "Any job",
            Partner = "Partner",
            RequestedBy = "Requested by",
            Status = "Status",
            AnyStatus = "Any status",
            Progress = "Progress",
            Requested = "Requested",
            Started = "Started",
            Ended = "Ended",
            Duration = "Duration",
            Error = "Error",
            NoExecutions = "No job executions.",
            AllJobs = "All jobs",
            Parameters = "Parameters",
            NoParameters = "None",
            Runs = "Runs",
            ExitDescription = "Exit description",
            Steps = "Steps",
            NoSteps = "No step has run yet.",
            Step = "Step",
            Read = "Read",
            Written = "Written",
            Commits = "Commits",
            Rollbacks = "Rollbacks",
            Skipped = "Skipped",
            SkippedItems = "Skipped items",
            Phase = "Phase",
            Item = "Item",
            Reason = "Reason",
            When = "When",
            Restart = "Restart",
            RestartQuestion = "The execution runs again from its last checkpoints; steps and partitions that completed do not run again.",
            Stop = "Stop",
            StopQuestion = "The execution stops after its current chunk and can be restarted later. A queued one is cancelled and never starts.",
            Cancel = "Cancel",
            CancelQuestion = "The execution stops after its current chunk and ends for good; a queued one never starts.",
            Abandon = "Abandon",
            AbandonQuestion = "The execution is given up and never runs again.",
            Back = "Back",
            SchedulesTitle = "Schedules",
            SchedulesIntro = "Jobs the portal launches by itself at the times of a cron expression in a time zone. Pause a schedule to stop its launches, or run it now.",
            Schedule = "Schedule",
            Cron = "Cron",
            TimeZone = "Time zone",
            NextFire = "Next run",
            LastFire = "Last run",
            LastExecution = "Last execution",
            State = "State",
            Paused = "Paused",
            Active = "Active",
            NoSchedules = "No schedules.",
            Pause = "Pause",
            PauseQuestion = "The schedule launches nothing until it is resumed; the pause survives restarts.",
            Resume = "Resume",
            ResumeQuestion = "The schedule launches again from its next time after now; runs missed while paused are not made up.",
            RunNow = "Run now",
            RunNowQuestion = "The schedule's job is launched now, once, paused or not. Nothing is launched while its previous execution still runs.",
            ScheduleConfirmTitle = (action, name) => $"{action}: {name}",
            SchedulePaused = name => $"Schedule {name} is paused.",
            ScheduleResumed = name => $"Schedule {name} is active again.",
            ScheduleLaunched = (name, id) => $"Schedule {name} launched execution {id}.",
            ScheduleStillRunning = name => $"Nothing launched: the previous execution of {name} still runs.",
            ScheduleGone = name => $"Schedule {name} no longer exists: a newer version of the portal no longer declares it.",
            ExecutionTitle = id => $"Job execution {id}",
            ConfirmTitle = (action, id) => $"{action} execution {id}",
            Moved = (id, status) => $"Execution {id} is now {status}.",
            NotAllowed = (action, id, status) => $"{action} is not possible: execution {id} is {status} now. It changed after this page showed it.",
            ProgressOf = (current, total) => total is { } t ? $"{current:N0} / {t:N0}" : $"{current:N0}",
            DurationOf = d => d.TotalHours >= 1 ? $"{(int)d.TotalHours} h {d.Minutes} min"
                : d.TotalMinutes >= 1 ? $"{d.Minutes} min {d.Seconds} s"
                : $"{d.TotalSeconds:0.#} s",
            StatusName = status => status.ToString(),
            StepStatusName = status => status.ToString(),
            PhaseName = phase => phase.ToString(),
        },
        korean: new()
        {
            JobsTitle = "작업",
            JobsIntro = "모든 파트너의 모든 작업 실행을 최신순으로 보여 줍니다. 실행을 열면 스텝과 실패 원인을 볼 수 있고, 다시 시작하거나 중지하거나 취소할 수 있습니다.",
            Execution = "실행",
            Job = "작업",
            AnyJob = "모든 작업",
            Partner = "파트너",
            RequestedBy = "요청자",
            Status = "상태",
            AnyStatus = "모든 상태",
            Progress = "진행률",
            Requested = "요청",
            Started = "시작",
            Ended = "종료",
            Duration = "소요 시간",
            Error = "오류",
            NoExecutions = "작업 실행이 없습니다.",
            AllJobs = "작업 목록",
            Parameters = "파라미터",
            NoParameters = "없음",
            Runs = "실행 횟수",
            ExitDescription = "종료 설명",
            Steps = "스텝",
            NoSteps = "아직 실행된 스텝이 없습니다.",
            Step = "스텝",
            Read = "읽기",
            Written = "쓰기",
            Commits = "커밋",
            Rollbacks = "롤백",
            Skipped = "건너뜀",
            SkippedItems = "건너뛴 항목",
            Phase = "단계",
            Item = "항목",
            Reason = "사유",
            When = "시각",
            Restart = "재시작",
            RestartQuestion = "마지막 체크포인트부터 다시 실행합니다. 완료된 스텝과 파티션은 다시 실행하지 않습니다.",
            Stop = "중지",
            StopQuestion = "현재 청크를 마친 뒤 중지하며, 나중에 다시 시작할 수 있습니다. 대기 중인 실행은 취소되어 시작되지 않습니다.",
            Cancel = "취소",
            CancelQuestion = "현재 청크를 마친 뒤 중지하고 완전히 끝냅니다. 대기 중인 실행은 시작되지 않습니다.",
            Abandon = "폐기",
            AbandonQuestion = "이 실행을 포기하며, 다시는 실행되지 않습니다.",
            Back = "돌아가기",
            SchedulesTitle = "스케줄",
            SchedulesIntro = "포털이 시간대 기준 cron 표현식의 시각마다 스스로 실행하는 작업입니다. 스케줄을 일시 중지하면 실행되지 않으며, 지금 바로 실행할 수도 있습니다.",
            Schedule = "스케줄",
            Cron = "Cron",
            TimeZone = "시간대",
            NextFire = "다음 실행",
            LastFire = "마지막 실행",
            LastExecution = "마지막 실행 결과",
            State = "상태",
            Paused = "일시 중지됨",
            Active = "활성",
            NoSchedules = "스케줄이 없습니다.",
            Pause = "일시 중지",
            PauseQuestion = "다시 시작할 때까지 이 스케줄은 아무것도 실행하지 않습니다. 일시 중지는 재시작 후에도 유지됩니다.",
            Resume = "다시 시작",
            ResumeQuestion = "지금 이후의 다음 시각부터 다시 실행합니다. 일시 중지 중에 놓친 실행은 하지 않습니다.",
            RunNow = "지금 실행",
            RunNowQuestion = "일시 중지 여부와 관계없이 스케줄의 작업을 지금 한 번 실행합니다. 이전 실행이 아직 진행 중이면 실행하지 않습니다.",
            ScheduleConfirmTitle = (action, name) => $"{name}: {action}",
            SchedulePaused = name => $"스케줄 {name}: 일시 중지되었습니다.",
            ScheduleResumed = name => $"스케줄 {name}: 다시 활성화되었습니다.",
            ScheduleLaunched = (name, id) => $"스케줄 {name}: 실행 {id}을(를) 시작했습니다.",
            ScheduleStillRunning = name => $"{name}의 이전 실행이 아직 진행 중이라 실행하지 않았습니다.",
            ScheduleGone = name => $"{name} 스케줄은 더 이상 없습니다. 새 버전의 포털에서 선언되지 않았습니다.",
            ExecutionTitle = id => $"작업 실행 {id}",
            ConfirmTitle = (action, id) => $"실행 {id} {action}",
            Moved = (id, status) => $"실행 {id}: 이제 {status} 상태입니다.",
            NotAllowed = (action, id, status) => $"실행 {id}: 지금 {status} 상태라서 {action}할 수 없습니다. 이 페이지에 표시된 뒤 상태가 바뀌었습니다.",
            ProgressOf = (current, total) => total is { } t ? $"{current:N0} / {t:N0}" : $"{current:N0}",
            DurationOf = d => d.TotalHours >= 1 ? $"{(int)d.TotalHours}시간 {d.Minutes}분"
                : d.TotalMinutes >= 1 ? $"{d.Minutes}분 {d.Seconds}초"
                : $"{d.TotalSeconds:0.#}초",
            StatusName = status => status switch
            {
                JobStatus.Queued => "대기",
                JobStatus.Running => "실행 중",
                JobStatus.Completed => "완료",
                JobStatus.Failed => "실패",
                JobStatus.Stopping => "중지 중",
                JobStatus.Stopped => "중지됨",
                JobStatus.Cancelled => "취소됨",
                JobStatus.Abandoned => "폐기됨",
                _ => status.ToString(),
            },
            StepStatusName = status => status switch
            {
                StepStatus.Starting => "시작 중",
                StepStatus.Running => "실행 중",
                StepStatus.Completed => "완료",
                StepStatus.Failed => "실패",
                StepStatus.Stopped => "중지됨",
                _ => status.ToString(),
            },
            PhaseName = phase => phase switch
            {
                SkipPhase.Read => "읽기",
                SkipPhase.Process => "처리",
                SkipPhase.Write => "쓰기",
                _ => phase.ToString(),
            },
        });
}
