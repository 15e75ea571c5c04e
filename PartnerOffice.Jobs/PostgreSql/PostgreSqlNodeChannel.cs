using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using Npgsql;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Launching;

namespace PartnerOffice.Jobs.PostgreSql;

/// <summary>
/// What nodes sharing one PostgreSQL database tell each other, with LISTEN/NOTIFY: that an execution was queued (idle
/// workers everywhere wake at once rather than at their next poll) and every job event (a page served by one node
/// shows live progress of an execution running on another). A notification sent in a transaction is delivered when
/// it commits, so nobody wakes for work that was rolled back.
/// </summary>
internal static class PostgreSqlNodeChannel
{
    public const string QueueChannel = "partneroffice_queue";
    public const string EventsChannel = "partneroffice_job_events";

    // NOTIFY payloads stop at 8,000 bytes; an event's error is cut to keep well inside that.
    private const int MaxErrorLength = 2_000;
    private const int MaxPayloadBytes = 7_000;
    // Wall-clock pacing of network traffic, not the product's time: a page elsewhere sees a move this much later at most.
    private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(50);

    /// <summary>Tells every other node that work was queued, in the transaction of the queuing.</summary>
    public static Task NotifyQueuedAsync(DatabaseFacade database, string node, CancellationToken cancellationToken) =>
        database.ExecuteSqlAsync($"SELECT pg_notify({QueueChannel}, {node})", cancellationToken);

    /// <summary>
    /// Listens for both channels until stopped, waking <paramref name="signal"/> for queued work and delivering other
    /// nodes' events into <paramref name="hub"/>; sends this node's own events to the others. A lost connection is
    /// opened again after a pause (meanwhile workers still poll, and pages miss only live updates).
    /// </summary>
    /// <param name="listening">Called each time the node listens again (first at start).</param>
    public static async Task RunAsync(string connectionString, JobEventHub hub, WakeSignal signal, Action listening, TimeProvider time, ILogger logger,
        CancellationToken stoppingToken)
    {
        var outgoing = Channel.CreateBounded<JobEvent>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        using var subscription = hub.Subscribe(e =>
        {
            if (e.Node == hub.Node) outgoing.Writer.TryWrite(e);
        });
        await Task.WhenAll(ListenAsync(connectionString, hub, signal, listening, time, logger, stoppingToken),
            SendAsync(connectionString, outgoing.Reader, time, logger, stoppingToken));
    }

    private static async Task ListenAsync(string connectionString, JobEventHub hub, WakeSignal signal, Action listening, TimeProvider time,
        ILogger logger, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, n) => Receive(n, hub, signal, logger);
                await using (var listen = new NpgsqlCommand($"LISTEN {QueueChannel}; LISTEN {EventsChannel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                listening();
                // Work queued while this node was not listening is found by the workers' next look.
                signal.Pulse();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                logger.LogWarning(e, "Listening for other nodes' job notifications failed; trying again shortly");
                await PauseAsync(time, stoppingToken);
            }
        }
    }

    private static void Receive(NpgsqlNotificationEventArgs notification, JobEventHub hub, WakeSignal signal, ILogger logger)
    {
        if (notification.Channel == QueueChannel)
        {
            // Its own wake-up would race the Queued event it is about to publish: the node's launcher wakes its workers after it.
            if (notification.Payload != hub.Node) signal.Pulse();
            return;
        }
        try
        {
            foreach (var received in JsonSerializer.Deserialize<JobEvent[]>(notification.Payload) ?? [])
                if (received.Node != hub.Node) hub.DeliverRelayed(received);
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "A job event from another node could not be read");
        }
    }

    private static async Task SendAsync(string connectionString, ChannelReader<JobEvent> events, TimeProvider time, ILogger logger,
        CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                while (await events.WaitToReadAsync(stoppingToken))
                {
                    // Every notification's commit takes the server's one notification lock and wakes every listening node:
                    // the events of a short window travel together, a few to a notification, in one transaction.
                    await Task.Delay(GatherWindow, stoppingToken);
                    var batch = new List<JobEvent>();
                    while (events.TryRead(out var jobEvent)) batch.Add(jobEvent);
                    await using var notify = new NpgsqlBatch(connection);
                    foreach (var payload in Payloads(batch))
                        notify.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_notify('{EventsChannel}', $1)")
                        {
                            Parameters = { new NpgsqlParameter<string> { TypedValue = payload } },
                        });
                    if (notify.BatchCommands.Count > 0) await notify.ExecuteNonQueryAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                logger.LogWarning(e, "Sending job events to other nodes failed; trying again shortly");
                await PauseAsync(time, stoppingToken);
            }
        }
    }

    /// <summary>
    /// The events as JSON arrays of at most <see cref="MaxPayloadBytes"/> each, oldest first. A progress event is left
    /// out when a later event of the same execution follows in the batch: every event carries the whole snapshot.
    /// </summary>
    private static IEnumerable<string> Payloads(IReadOnlyList<JobEvent> events)
    {
        var lastOf = new Dictionary<long, int>();
        for (var i = 0; i < events.Count; i++) lastOf[events[i].ExecutionId] = i;
        var payload = new System.Text.StringBuilder();
        var bytes = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var jobEvent = events[i];
            if (jobEvent.Kind == JobEventKind.Progress && lastOf[jobEvent.ExecutionId] != i) continue;
            var sent = jobEvent.Error is { Length: > MaxErrorLength } error ? jobEvent with { Error = error[..MaxErrorLength] } : jobEvent;
            var json = JsonSerializer.Serialize(sent);
            var size = System.Text.Encoding.UTF8.GetByteCount(json) + 1;
            if (bytes > 0 && bytes + size > MaxPayloadBytes)
            {
                yield return payload.Append(']').ToString();
                payload.Clear();
                bytes = 0;
            }
            payload.Append(bytes == 0 ? '[' : ',').Append(json);
            bytes += size;
        }
        if (bytes > 0) yield return payload.Append(']').ToString();
    }

    private static async Task PauseAsync(TimeProvider time, CancellationToken stoppingToken)
    {
        try { await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken); }
        catch (OperationCanceledException) { }
    }
}
