using System.Globalization;
using Microsoft.Extensions.Localization;
using PartnerOffice.App.Components.Pages.Jobs;

namespace PartnerOffice.App.Components.Pages.Schedules;

/// <summary>
/// Puts a Quartz cron expression (seconds first) into words in the user's language, such as "Monday to Friday, every
/// minute from 08:00 to 18:59". It covers the shapes operators write; for any other it answers null and the page shows
/// only the expression, because a wrong sentence beside a schedule is worse than none.
/// </summary>
public sealed class CronWords(IStringLocalizer<JobsText> text)
{
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    public string? Describe(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is not (6 or 7) || (fields.Length == 7 && fields[6] != "*")) return null;
        if (Parse(fields[0], 0, 59, null) is not { Kind: FieldKind.Values, Values: [0] }) return null;
        var time = TimePhrase(Parse(fields[1], 0, 59, null), Parse(fields[2], 0, 23, null));
        var days = DayPhrase(fields[3], Parse(fields[4], 1, 12, MonthNames), Parse(fields[5], 1, 7, DayNames));
        if (time is null || days is null) return null;
        // "Every day, every hour" says the day twice: a repeating time alone says it runs every day.
        var sentence = days.Value.EveryDay && time.Value.Repeating ? time.Value.Words : text["CronSentence", days.Value.Words, time.Value.Words].Value;
        return char.ToUpper(sentence[0], CultureInfo.CurrentUICulture) + sentence[1..];
    }

    private (string Words, bool Repeating)? TimePhrase(Field? minute, Field? hour)
    {
        if (minute is null || hour is null) return null;
        switch (minute, hour)
        {
            case ({ Kind: FieldKind.Values }, { Kind: FieldKind.Values }):
                var times = hour.Values.SelectMany(h => minute.Values.Select(m => Clock(h, m))).ToList();
                return times.Count > 6 ? null : (text["CronAt", string.Join(", ", times)], false);
            case ({ Kind: FieldKind.Values, Values: [var m] }, { Kind: FieldKind.Any }):
                return (m == 0 ? text["CronHourly"] : text["CronHourlyAt", m], true);
            case ({ Kind: FieldKind.Values, Values: [var m] }, { Kind: FieldKind.Step, From: 0, To: 23 }):
                return (text["CronEveryNHours", hour.Step, m], true);
            case ({ Kind: FieldKind.Values, Values: [var m] }, { Kind: FieldKind.Range }):
                return (text["CronBetween", m == 0 ? text["CronHourly"] : text["CronHourlyAt", m], Clock(hour.From, m), Clock(hour.To, m)], true);
            case ({ Kind: FieldKind.Any or FieldKind.Step, From: 0, To: 59 }, _):
                string every = minute.Step == 1 ? text["CronEveryMinute"] : text["CronEveryNMinutes", minute.Step];
                return hour switch
                {
                    { Kind: FieldKind.Any } => (every, true),
                    { Kind: FieldKind.Range } => (text["CronBetween", every, Clock(hour.From, 0), Clock(hour.To, 59)], true),
                    { Kind: FieldKind.Values, Values: [var h] } => (text["CronBetween", every, Clock(h, 0), Clock(h, 59)], true),
                    _ => null,
                };
            default:
                return null;
        }
    }

    private (string Words, bool EveryDay)? DayPhrase(string dayOfMonth, Field? month, Field? dayOfWeek)
    {
        if (month is not { Kind: FieldKind.Any or FieldKind.Values } || dayOfWeek is null) return null;
        var anyDayOfMonth = dayOfMonth is "*" or "?";
        (string Words, bool EveryDay)? days = (anyDayOfMonth, dayOfWeek) switch
        {
            (true, { Kind: FieldKind.Any }) => (text["CronEveryDay"], true),
            (true, { Kind: FieldKind.Range }) => (text["CronDayRange", DayName(dayOfWeek.From), DayName(dayOfWeek.To)], false),
            (true, { Kind: FieldKind.Values }) => (text["CronOnDays", string.Join(", ", dayOfWeek.Values.Select(DayName))], false),
            (false, { Kind: FieldKind.Any }) when dayOfMonth == "L" => (text["CronLastDay"], false),
            (false, { Kind: FieldKind.Any }) when Parse(dayOfMonth, 1, 31, null) is { Kind: FieldKind.Values, Values: [var d] } => (text["CronMonthDay", d], false),
            _ => null,
        };
        if (days is null || month.Kind == FieldKind.Any) return days;
        var months = string.Join(", ", month.Values.Select(m => CultureInfo.CurrentUICulture.DateTimeFormat.GetMonthName(m)));
        return (text["CronInMonths", days.Value.Words, months], false);
    }

    private static string Clock(int hour, int minute) => $"{hour:00}:{minute:00}";

    // Quartz counts the days of the week from Sunday = 1.
    private static string DayName(int quartzDay) => CultureInfo.CurrentUICulture.DateTimeFormat.GetDayName((DayOfWeek)(quartzDay - 1));

    private enum FieldKind { Any, Values, Range, Step }

    private sealed record Field(FieldKind Kind, int[] Values, int From, int To, int Step);

    /// <summary>One field: <c>*</c>, <c>?</c>, <c>5</c>, <c>1,15</c>, <c>8-18</c>, <c>0/15</c>, <c>*/15</c>; null for anything else (L, W, #).</summary>
    private static Field? Parse(string field, int min, int max, string[]? names)
    {
        if (field is "*" or "?") return new(FieldKind.Any, [], min, max, 1);
        if (field.Contains(','))
        {
            var values = field.Split(',').Select(part => Value(part, min, max, names)).ToArray();
            return values.Any(v => v is null) ? null : new(FieldKind.Values, values.Select(v => v!.Value).Order().ToArray(), min, max, 1);
        }
        if (field.Split('/') is [var start, var stepText])
        {
            if (!int.TryParse(stepText, CultureInfo.InvariantCulture, out var step) || step < 1) return null;
            if (start == "*") return new(FieldKind.Step, [], min, max, step);
            if (Value(start, min, max, names) is { } from) return new(FieldKind.Step, [], from, max, step);
            return null;
        }
        if (field.Split('-') is [var low, var high])
            return Value(low, min, max, names) is { } a && Value(high, min, max, names) is { } b && a < b ? new(FieldKind.Range, [], a, b, 1) : null;
        return Value(field, min, max, names) is { } single ? new(FieldKind.Values, [single], single, single, 1) : null;
    }

    private static int? Value(string text, int min, int max, string[]? names)
    {
        if (int.TryParse(text, CultureInfo.InvariantCulture, out var number)) return number >= min && number <= max ? number : null;
        var index = names is null ? -1 : Array.IndexOf(names, text.ToUpperInvariant());
        return index < 0 ? null : index + min;
    }
}
