using Microsoft.Extensions.Logging;

namespace PartnerOffice.Alerts;

/// <summary>What operators are told of: a failed job, an expired follow-up, a new global ranking.</summary>
/// <param name="Title">One line naming what happened and to what (the job, the execution).</param>
/// <param name="Text">What failed or changed, in a sentence or two.</param>
/// <param name="Link">The portal page that shows it, when there is one.</param>
public sealed record Alert(string Title, string Text, Uri? Link = null);

/// <summary>Posts alerts to the operators' channel. Sending never throws: an alert that cannot be delivered is logged.</summary>
public interface IAlertSender
{
    Task SendAsync(Alert alert, CancellationToken cancellationToken = default);
}

/// <summary>The channel when none is configured: the alert is only logged.</summary>
public sealed class LoggedAlertSender(ILogger<LoggedAlertSender> logger) : IAlertSender
{
    public Task SendAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        logger.LogWarning("Alert (no channel configured): {Title}. {Text} {Link}", alert.Title, alert.Text, alert.Link);
        return Task.CompletedTask;
    }
}
