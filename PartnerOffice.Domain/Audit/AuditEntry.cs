namespace PartnerOffice.Audit;

/// <summary>What was done; stored by name, so the list can grow without renumbering.</summary>
public enum AuditAction
{
    SignedIn,
    SignInFailed,
    ExportRequested,
    ExportDownloaded,
    ExportCancelled,
    ExportDeleted,
    ExecutionRestarted,
    ExecutionStopped,
    ExecutionCancelled,
    ExecutionAbandoned,
    FailedExecutionsRetried,
    SchedulePaused,
    ScheduleResumed,
    ScheduleTriggered,
    ScheduleEdited,
    ScheduleReset,
    PartnerCreated,
    UserCreated,
    PasswordReset,
    UserLocked,
    UserUnlocked,
    UserDeleted,
    TokenRevoked,
    FollowUpRetried,
}

/// <summary>
/// One line of the audit trail: who did what to which thing, when and from where. The actor's e-mail is copied in, so
/// the line still says who it was after the user is deleted.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public AuditAction Action { get; set; }
    public int? UserId { get; set; }
    /// <summary>The actor's e-mail, or what a failed sign-in typed; "command line" for the operator commands.</summary>
    public required string Actor { get; set; }
    /// <summary>The partner whose data was touched, when there is one; lets the trail be searched per partner.</summary>
    public int? PartnerId { get; set; }
    /// <summary>What it was done to, e.g. "export 42", "execution 7", "schedule export-cleanup", "user kim@hanbit.example".</summary>
    public string? Target { get; set; }
    /// <summary>Anything else worth keeping: the reason given for a download of personal data, a new cron, a count.</summary>
    public string? Detail { get; set; }
    /// <summary>The client's IP address as the portal saw it.</summary>
    public string? SourceAddress { get; set; }
}

/// <summary>Who acts, and from where. <see cref="UserId"/> is null for a failed sign-in and for the command line.</summary>
public sealed record AuditActor(int? UserId, string Name, string? SourceAddress)
{
    public static readonly AuditActor CommandLine = new(null, "command line", null);
}
