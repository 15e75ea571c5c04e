using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using PartnerOffice.App.Components.Shared;
using PartnerOffice.Jobs;

namespace PartnerOffice.App.Components.Pages.Jobs;

/// <summary>How the admin job pages read an execution.</summary>
public static class JobViews
{
    /// <summary>Running or Stopping: a worker holds it, its progress moves and its duration grows.</summary>
    public static bool IsRunning(this JobStatus status) => status is JobStatus.Running or JobStatus.Stopping;

    /// <summary>From its first start to its end, or to now while it runs; null when it has not started or waits to run again.</summary>
    public static TimeSpan? Duration(this JobExecution execution, DateTime now) => execution.StartedAt is not { } started ? null
        : execution.EndedAt is { } ended ? ended - started
        : execution.Status.IsRunning() ? now - started
        : null;

    /// <summary>Whole percent done; 0 until the job has said how much there is to do.</summary>
    public static int Percent(this JobExecution execution) => execution.ProgressTotal is { } total && total > 0
        ? (int)Math.Min(100, execution.ProgressCurrent * 100 / total)
        : 0;

    /// <summary>The first line of an error: the grid shows that much, the detail page all of it.</summary>
    public static string? FirstLine(string? error) => error?.Split('\n', 2)[0].TrimEnd('\r');

    /// <summary>Each step followed by its partitions (a partitioned step's manager comes before them), in the order they ran.</summary>
    public static IReadOnlyList<StepExecution> StepsWithPartitions(IReadOnlyList<StepExecution> steps) =>
        steps.Where(s => s.PartitionName is null)
            .SelectMany(s => steps.Where(p => p.PartitionName is not null && p.StepName == s.StepName).Prepend(s))
            .ToList();

    public static StatusTone ToneOf(JobStatus status) => status switch
    {
        JobStatus.Completed => StatusTone.Success,
        JobStatus.Failed => StatusTone.Danger,
        JobStatus.Running or JobStatus.Stopping => StatusTone.Info,
        JobStatus.Stopped => StatusTone.Warning,
        _ => StatusTone.Neutral,
    };

    public static StatusTone ToneOf(StepStatus status) => status switch
    {
        StepStatus.Completed => StatusTone.Success,
        StepStatus.Failed => StatusTone.Danger,
        StepStatus.Stopped => StatusTone.Warning,
        _ => StatusTone.Info,
    };

    public static string StatusName(this IStringLocalizer<JobsText> T, JobStatus status) => T[$"Status{status}"];

    public static string LevelName(this IStringLocalizer<JobsText> T, LogLevel level) => T[level switch
    {
        LogLevel.Error or LogLevel.Critical => "LevelError",
        LogLevel.Warning => "LevelWarning",
        _ => "LevelInformation",
    }];

    public static StatusTone ToneOf(LogLevel level) => level switch
    {
        LogLevel.Error or LogLevel.Critical => StatusTone.Danger,
        LogLevel.Warning => StatusTone.Warning,
        _ => StatusTone.Neutral,
    };

    public static string StatusName(this IStringLocalizer<JobsText> T, StepStatus status) => T[$"Step{status}"];

    public static string PhaseName(this IStringLocalizer<JobsText> T, SkipPhase phase) => T[$"Phase{phase}"];

    public static string ProgressOf(this IStringLocalizer<JobsText> T, JobExecution execution) => execution.ProgressTotal is { } total
        ? T["ProgressOf", execution.ProgressCurrent, total]
        : T["ProgressCount", execution.ProgressCurrent];

    public static string DurationOf(this IStringLocalizer<JobsText> T, TimeSpan duration) =>
        duration.TotalHours >= 1 ? T["DurationHours", (int)duration.TotalHours, duration.Minutes]
        : duration.TotalMinutes >= 1 ? T["DurationMinutes", duration.Minutes, duration.Seconds]
        : T["DurationSeconds", duration.TotalSeconds];
}
