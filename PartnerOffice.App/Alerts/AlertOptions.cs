namespace PartnerOffice.App.Alerts;

/// <summary>Settings under <c>PartnerOffice:Alerts</c>: where operators are told of failures.</summary>
public sealed class AlertOptions
{
    public const string Section = "PartnerOffice:Alerts";

    /// <summary>A Slack-compatible incoming webhook (<c>{"text": …}</c>); unset, alerts are only logged.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The wait before the first retry of a failed post; later retries wait exponentially longer.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetries { get; set; } = 3;

    internal bool IsConfigured => !string.IsNullOrWhiteSpace(WebhookUrl);

    internal bool IsValid() =>
        (!IsConfigured || Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        && RetryDelay > TimeSpan.Zero && MaxRetries is >= 0 and <= 10;
}
