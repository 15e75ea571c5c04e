using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using PartnerOffice.Alerts;

namespace PartnerOffice.App.Alerts;

/// <summary>
/// Posts alerts to a Slack-compatible incoming webhook as <c>{"text": …}</c>: the title in bold, the text, and the link to
/// the portal page. Transient failures are retried by the client's resilience handler; an alert that still cannot be
/// delivered is logged, never thrown, so a broken channel never fails the job or worker that raised it.
/// </summary>
public sealed class WebhookAlertSender(IHttpClientFactory clients, IOptions<AlertOptions> options, PortalLinks links, ILogger<WebhookAlertSender> logger)
    : IAlertSender
{
    public const string ClientName = "alerts-webhook";

    public async Task SendAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        var message = new WebhookMessage(Format(alert));
        try
        {
            using var response = await clients.CreateClient(ClientName).PostAsJsonAsync(options.Value.WebhookUrl, message, cancellationToken);
            if (response.IsSuccessStatusCode) return;
            logger.LogError("The alert webhook answered {Status}; alert not delivered: {Title}. {Text}", (int)response.StatusCode, alert.Title, alert.Text);
        }
        // Whatever went wrong (refused, timed out, the circuit open after many failures): logged, never thrown.
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(error, "The alert webhook could not be reached; alert not delivered: {Title}. {Text}", alert.Title, alert.Text);
        }
    }

    internal string Format(Alert alert) =>
        alert.Link is null ? $"*{alert.Title}*\n{alert.Text}" : $"*{alert.Title}*\n{alert.Text}\n{links.Resolve(alert.Link)}";

    private sealed record WebhookMessage(string Text);
}
