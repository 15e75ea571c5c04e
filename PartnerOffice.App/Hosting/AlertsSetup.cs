using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using PartnerOffice.Alerts;
using PartnerOffice.App.Alerts;

namespace PartnerOffice.App.Hosting;

/// <summary>Alerts to operators: a Slack-compatible webhook when one is configured (only logged otherwise), and an alert for every failed job.</summary>
public static class AlertsSetup
{
    public static IHostApplicationBuilder AddPartnerOfficeAlerts(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AlertOptions.Section);
        builder.Services.AddOptions<AlertOptions>().Bind(section)
            .Validate(o => o.IsValid(), $"{AlertOptions.Section}: WebhookUrl must be an absolute http(s) URL, RetryDelay positive and MaxRetries 0–10.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PortalLinks>();
        var alerts = section.Get<AlertOptions>() ?? new AlertOptions();
        if (alerts.IsConfigured)
        {
            builder.Services.AddHttpClient(WebhookAlertSender.ClientName).AddStandardResilienceHandler(o =>
            {
                o.Retry.Delay = alerts.RetryDelay;
                o.Retry.MaxRetryAttempts = alerts.MaxRetries;
                o.Retry.BackoffType = Polly.DelayBackoffType.Exponential;
            });
            builder.Services.TryAddSingleton<IAlertSender, WebhookAlertSender>(); // tests may put a recorder in first
        }
        else
        {
            builder.Services.TryAddSingleton<IAlertSender, LoggedAlertSender>();
        }
        builder.Services.AddHostedService<JobFailureAlerts>();
        return builder;
    }
}
