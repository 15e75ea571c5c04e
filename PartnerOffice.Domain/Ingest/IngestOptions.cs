using Microsoft.Extensions.Options;

namespace PartnerOffice.Ingest;

/// <summary>Settings under <c>PartnerOffice:Ingest</c>: the marketplace order feed, its schedule and the invoice follow-ups.</summary>
public sealed class IngestOptions
{
    public const string Section = "PartnerOffice:Ingest";

    /// <summary>Every minute on weekdays 08:00–18:59 (Quartz cron, seconds first), when the marketplace's partners trade.</summary>
    public const string DefaultCron = "0 0/1 8-18 ? * MON-FRI";

    /// <summary>The marketplace's order feed (<c>GET {BaseUrl}/v1/orders</c>); unset, each run of the job completes at once saying so.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The invoice service (<c>POST {InvoiceBaseUrl}/v1/invoices</c>); unset, the feed's address.</summary>
    public string? InvoiceBaseUrl { get; set; }

    /// <summary>Records asked for per feed request.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Records upserted per chunk (one transaction, one checkpoint).</summary>
    public int ChunkSize { get; set; } = 100;

    public string Cron { get; set; } = DefaultCron;

    /// <summary>The IANA zone the cron is read in: the marketplace's business hours.</summary>
    public string TimeZone { get; set; } = "Asia/Seoul";

    /// <summary>How long one feed request may take.</summary>
    public TimeSpan FeedTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Invoice calls run at once in this process; 0 leaves follow-ups to other processes.</summary>
    public int FollowUpConcurrency { get; set; } = 4;

    /// <summary>How long one invoice call may take (the service takes seconds per call).</summary>
    public TimeSpan FollowUpTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A claimed follow-up whose process stopped (it never finished the call) is taken over after this.</summary>
    public TimeSpan FollowUpLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A failing follow-up is retried until this long after its first failure, then it is Failed and alerted.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The wait after the first failure; it doubles with each failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often an idle follow-up worker looks for work other processes queued or left behind.</summary>
    public TimeSpan FollowUpPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl);

    public Uri InvoiceAddress => new((string.IsNullOrWhiteSpace(InvoiceBaseUrl) ? BaseUrl : InvoiceBaseUrl)!.TrimEnd('/') + "/");

    public Uri FeedAddress => new(BaseUrl!.TrimEnd('/') + "/");

    /// <summary>The wait before the next attempt after <paramref name="failures"/> failures (1-based), doubling up to the maximum.</summary>
    public TimeSpan RetryDelayAfter(int failures) =>
        TimeSpan.FromTicks((long)Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks * Math.Pow(2, Math.Max(failures - 1, 0))));
}

/// <summary>Checks <see cref="IngestOptions"/> at start-up, naming each setting that is wrong.</summary>
public sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestOptions o)
    {
        var problems = new List<string>();
        if (o.IsConfigured && !IsHttpUrl(o.BaseUrl)) problems.Add("BaseUrl must be an absolute http(s) URL.");
        if (!string.IsNullOrWhiteSpace(o.InvoiceBaseUrl) && !IsHttpUrl(o.InvoiceBaseUrl)) problems.Add("InvoiceBaseUrl must be an absolute http(s) URL.");
        if (o.PageSize is < 1 or > 1000) problems.Add("PageSize must be 1–1000.");
        if (o.ChunkSize is < 1 or > 10_000) problems.Add("ChunkSize must be 1–10000.");
        try { Jobs.Scheduling.JobSchedule.NextFires(o.Cron, o.TimeZone, DateTime.UtcNow, 1); }
        catch (Exception e) when (e is FormatException or TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            problems.Add($"Cron '{o.Cron}' in TimeZone '{o.TimeZone}' cannot be read: {e.Message}");
        }
        if (o.FeedTimeout <= TimeSpan.Zero) problems.Add("FeedTimeout must be positive.");
        if (o.FollowUpConcurrency is < 0 or > 64) problems.Add("FollowUpConcurrency must be 0–64.");
        if (o.FollowUpTimeout <= TimeSpan.Zero) problems.Add("FollowUpTimeout must be positive.");
        // The lease outlives any call, so a live process never loses a follow-up it is still calling about.
        if (o.FollowUpLease <= o.FollowUpTimeout) problems.Add("FollowUpLease must be longer than FollowUpTimeout.");
        if (o.RetryWindow <= TimeSpan.Zero) problems.Add("RetryWindow must be positive.");
        if (o.FirstRetryDelay <= TimeSpan.Zero || o.MaxRetryDelay < o.FirstRetryDelay) problems.Add("FirstRetryDelay must be positive and MaxRetryDelay at least as long.");
        if (o.FollowUpPollInterval <= TimeSpan.Zero) problems.Add("FollowUpPollInterval must be positive.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => $"{IngestOptions.Section}: {p}"));
    }

    private static bool IsHttpUrl(string? text) => Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";
}
