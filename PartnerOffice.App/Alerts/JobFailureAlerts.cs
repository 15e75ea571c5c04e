using System.Threading.Channels;
using PartnerOffice.Alerts;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Events;

namespace PartnerOffice.App.Alerts;

/// <summary>
/// Tells operators of every job execution that ends Failed: job, execution, the error, and a link to its page. The
/// event handler only queues (handlers run on the engine's publishing thread); sending happens on this service's loop.
/// </summary>
public sealed class JobFailureAlerts : BackgroundService
{
    /// <summary>Enough of an error for a chat message; the execution's page has all of it.</summary>
    private const int MaxErrorLength = 500;

    private readonly Channel<JobEvent> failures = Channel.CreateUnbounded<JobEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IAlertSender sender;
    private readonly IDisposable subscription;

    public JobFailureAlerts(IJobEvents events, IAlertSender sender)
    {
        this.sender = sender;
        // Subscribed when the host resolves its hosted services, before any of them (the engine's workers) starts. Other
        // nodes' events arrive here too; the node that ran the execution sends its alert, so it is sent once.
        subscription = events.Subscribe(e =>
        {
            if (e is { Kind: JobEventKind.StatusChanged, Status: JobStatus.Failed } && e.Node == events.Node) failures.Writer.TryWrite(e);
        });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var failure in failures.Reader.ReadAllAsync(stoppingToken))
                await sender.SendAsync(AlertOf(failure), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        subscription.Dispose();
        base.Dispose();
    }

    internal static Alert AlertOf(JobEvent failure)
    {
        var error = failure.Error ?? "No error was recorded.";
        if (error.Length > MaxErrorLength) error = error[..MaxErrorLength] + "…";
        return new Alert($"Job {failure.JobName} failed (execution {failure.ExecutionId})", error, PortalLinks.Execution(failure.ExecutionId));
    }
}
