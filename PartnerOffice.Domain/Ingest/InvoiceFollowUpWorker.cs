using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerOffice.Jobs.Launching;

namespace PartnerOffice.Ingest;

/// <summary>
/// Calls the invoice service for due follow-ups, at most <see cref="IngestOptions.FollowUpConcurrency"/> at once. It wakes
/// when the ingest job stores new ones, when a retry or a dead worker's lease comes due, and otherwise polls for work
/// other processes left. Follow-ups left by a process that stopped are taken over once their lease expires.
/// </summary>
public sealed class InvoiceFollowUpWorker(InvoiceFollowUps followUps, IServiceScopeFactory scopes, TimeProvider time, IOptions<IngestOptions> options,
    ILogger<InvoiceFollowUpWorker> logger) : BackgroundService
{
    private readonly WakeSignal signal = new();

    /// <summary>Names this worker in lease owners.</summary>
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>New follow-ups are stored: look now rather than at the next poll.</summary>
    public void Wake() => signal.Pulse();

    /// <summary>Claims up to <paramref name="max"/> due follow-ups and runs them to their outcome; returns how many it ran.</summary>
    public async Task<int> RunDueAsync(int max, CancellationToken cancellationToken = default)
    {
        var claimed = await followUps.ClaimDueAsync(Id, max, cancellationToken);
        await Task.WhenAll(claimed.Select(f => RunAsync(f, cancellationToken)));
        return claimed.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var concurrency = options.Value.FollowUpConcurrency;
        // Without the marketplace's address there is no service to call (and no ingest to queue work).
        if (concurrency <= 0 || !options.Value.IsConfigured) return;
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.NextPulse;
            var wait = options.Value.FollowUpPollInterval;
            try
            {
                running.RemoveAll(t => t.IsCompleted);
                var claimed = await followUps.ClaimDueAsync(Id, concurrency - running.Count, stoppingToken);
                running.AddRange(claimed.Select(f => RunAsync(f, stoppingToken)));
                if (running.Count < concurrency && await followUps.NextClaimableAtAsync(stoppingToken) is { } next)
                    wait = TimeSpan.FromTicks(Math.Clamp((next - time.GetUtcNow().UtcDateTime).Ticks, 0, wait.Ticks));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error)
            {
                logger.LogError(error, "Claiming invoice follow-ups failed; the worker tries again after the poll interval");
            }
            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny([.. running, wake, Task.Delay(wait, time, sleep.Token)]);
            await sleep.CancelAsync();
        }
        await Task.WhenAll(running);
    }

    private async Task RunAsync(InvoiceFollowUp followUp, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(options.Value.FollowUpTimeout, time);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            string invoiceNumber;
            await using (var scope = scopes.CreateAsyncScope())
                invoiceNumber = await scope.ServiceProvider.GetRequiredService<InvoiceServiceClient>().CreateInvoiceAsync(followUp.Order, call.Token);
            await followUps.CompleteAsync(followUp, Id, invoiceNumber, CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await followUps.ReleaseAsync(followUp, Id, CancellationToken.None);
        }
        catch (Exception error)
        {
            var reason = timeout.IsCancellationRequested
                ? $"The invoice service did not answer within {options.Value.FollowUpTimeout.TotalSeconds:0} s."
                : error is HttpRequestException or InvalidDataException ? error.Message : $"{error.GetType().Name}: {error.Message}";
            try
            {
                await followUps.RecordFailureAsync(followUp, Id, reason, CancellationToken.None);
            }
            catch (Exception recording)
            {
                // The lease runs out and another attempt follows; nothing is lost.
                logger.LogError(recording, "Recording the failure of invoice follow-up {FollowUpId} failed", followUp.Id);
            }
        }
    }
}
