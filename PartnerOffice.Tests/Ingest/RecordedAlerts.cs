using System.Collections.Concurrent;
using PartnerOffice.Alerts;

namespace PartnerOffice.Tests.Ingest;

/// <summary>An alert channel that keeps what it is sent.</summary>
public sealed class RecordedAlerts : IAlertSender
{
    public ConcurrentQueue<Alert> Sent { get; } = new();

    public Task SendAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue(alert);
        return Task.CompletedTask;
    }
}
